insert into item values (1, 5, 2);
