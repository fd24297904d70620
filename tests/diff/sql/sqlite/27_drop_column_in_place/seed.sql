insert into item values (1, 'a', 'n1', 5), (2, 'b', null, 50);
