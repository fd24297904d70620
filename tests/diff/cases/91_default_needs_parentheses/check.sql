select id, name from job order by id;
