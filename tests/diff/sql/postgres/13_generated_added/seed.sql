insert into box values (1, 2, 3);
