insert into item values (1, 'pen', 2.50), (2, 'lamp', 40);
