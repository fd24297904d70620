insert into item (id, name, price) values (1, 'a', 5), (2, 'b', 50);
