insert into item (id, price, qty, code) values (1, 9.99, 1, 'C1'), (2, 0.5, 1000, 'none');
