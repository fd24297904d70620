insert into item (id, val, opt) values (1, 'short', null), (2, 'two', 'x');
