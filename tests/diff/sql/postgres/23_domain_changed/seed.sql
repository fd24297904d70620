insert into item values (1, 3, 'a'), (2, 999, 'b');
