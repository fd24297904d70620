insert into lot (id, qty) values (1, 5), (2, 7);
