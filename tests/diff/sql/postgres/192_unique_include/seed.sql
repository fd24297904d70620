insert into item values (1, 'a', 'first', 'x'), (2, 'b', null, null);
insert into tag values (1, 'red', 'r', 1), (2, 'blue', 'b', 2);
