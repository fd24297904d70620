insert into event values (1, 'a', 5), (2, 'a', 50), (3, 'b', 1);
