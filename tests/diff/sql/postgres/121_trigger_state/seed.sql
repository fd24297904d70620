insert into item (id, n) values (1, 2);
