insert into item (id, ref) values (1, 42);
