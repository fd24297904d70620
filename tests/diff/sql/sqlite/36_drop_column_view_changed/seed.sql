insert into item values (1, 'a', 'n1'), (2, 'b', null);
