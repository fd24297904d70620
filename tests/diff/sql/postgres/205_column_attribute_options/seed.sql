insert into item values (1, 'a', 'k', 'x', 't'), (2, 'b', null, null, null);
insert into ev values (1, '2025-03-01');
