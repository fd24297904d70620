insert into item (id, val, opt) values (1, 7, null), (2, 2147483647, -5);
