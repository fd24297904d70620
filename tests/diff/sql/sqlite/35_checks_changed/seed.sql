insert into item values (1, 'a', 5, 10), (2, 'b', 50, 60);
