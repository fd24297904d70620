insert into item values (1, 'a', 'first'), (2, 'b', null);
insert into tag values (1, 'red', 'r'), (2, 'blue', null);
insert into box values (1, 3, 'x');
insert into kept values (1, 'p', 'q');
