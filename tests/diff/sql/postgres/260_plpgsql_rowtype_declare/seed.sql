insert into ledger (amount) values (10.50), (2);
