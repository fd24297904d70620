insert into preference values ('theme', 1), (null, 2), (null, 3);
