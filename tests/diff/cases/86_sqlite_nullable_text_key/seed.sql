insert into preference (name, value) values ('theme', 1), (null, 2), (null, 3);
