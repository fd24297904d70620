insert into score (id, name, points) values (1, 'a', 10), (2, null, null), (3, 'c', 3);
