insert into measurement_2024 values (1, '2024-03-01', 2.5);
