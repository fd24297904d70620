insert into note (n1, n2, e) values (1, 2, 3), (4, 5, 6);
