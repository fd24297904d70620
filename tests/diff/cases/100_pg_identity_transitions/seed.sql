insert into ledger (k, p_a, p_bd, p_s) values (1, 10, 20, 30), (2, 11, 21, 31);
