insert into reading values (1, '2024-02-01', 1.5), (2, '2024-06-01', 2.5);
