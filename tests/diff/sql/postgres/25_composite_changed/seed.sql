insert into price values (1, row(2.50, 'EUR', null)), (2, row(7.00, 'USD', 'x'));
