insert into "time".slot (id, n) values (1, 2);
