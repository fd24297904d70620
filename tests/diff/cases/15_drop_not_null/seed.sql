insert into item (id, name, qty) values (1, 'a', 3), (2, 'b', 0);
