insert into item values (1, 2), (2, 5);
