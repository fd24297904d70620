insert into account values (1, 50), (2, 500);
