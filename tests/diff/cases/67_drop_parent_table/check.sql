select id, title from book order by id;
