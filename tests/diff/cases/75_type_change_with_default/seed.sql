insert into item (id, qty, flag) values (1, '1', 1), (2, '22', 0);
