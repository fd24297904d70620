insert into item values (1, 'a', 5), (2, 'b', 50); insert into audit values (9, 'seed');
