insert into item values (1), (2);
