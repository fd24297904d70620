select id from doc order by id;
