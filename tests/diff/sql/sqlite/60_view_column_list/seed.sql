insert into item (id, label, price) values (1, 'a', 5), (2, 'b', 50);
