insert into grid values (1, 1, 11), (null, 2, 20), (3, null, 3), (null, null, 0);
