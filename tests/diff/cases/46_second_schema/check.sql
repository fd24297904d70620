select id, name from account order by id;
