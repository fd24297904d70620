insert into account (id, balance, units) values (1, 12.5, 3), (2, -0.25, 12345678);
