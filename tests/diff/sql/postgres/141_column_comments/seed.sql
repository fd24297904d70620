insert into item values (1, 'pen', 2);
