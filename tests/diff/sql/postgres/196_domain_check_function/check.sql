select id from tag order by id;
