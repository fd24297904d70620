insert into score (id, a, b) values (1, 1, 2), (2, 3, 4);
