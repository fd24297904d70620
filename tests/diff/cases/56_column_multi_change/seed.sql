insert into item (id, qty, price, label) values (1, 3, 1.25, 'a'), (2, 7, 0, 'b');
