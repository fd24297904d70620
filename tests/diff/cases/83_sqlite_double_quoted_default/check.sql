select id, isbn, title, note from book order by id;
