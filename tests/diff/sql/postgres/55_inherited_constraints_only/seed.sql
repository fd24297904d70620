insert into binding (kind, ref) values ('a', 1), ('b', 2);
