select id, title from doc order by id;
