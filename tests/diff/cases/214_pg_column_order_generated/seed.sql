insert into gen (id, twice, n) values (1, 7, 3), (2, null, 5);
