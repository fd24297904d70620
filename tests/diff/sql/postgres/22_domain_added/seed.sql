insert into item values (1, 3, 'abc'), (2, 5, 'xyz');
