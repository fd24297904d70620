insert into item (id, name, price) values (1, 'a', 10), (2, 'b', 20);
