select b.id, b.title, a.name from book b join author a on a.id = b.author_id order by b.id;
