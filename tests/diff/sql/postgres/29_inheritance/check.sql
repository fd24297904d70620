select id, name from animal order by id;
