insert into voucher values (1, null, 1, null), (2, 'A', 2, 'ann');
