insert into item values (1, 'a', 'c1', 5), (2, 'b', null, 50);
