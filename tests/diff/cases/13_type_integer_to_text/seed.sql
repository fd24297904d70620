insert into item (id, val, opt) values (1, 42, null), (2, -7, 0);
