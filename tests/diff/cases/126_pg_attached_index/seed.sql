insert into reading (sensor, taken_on, unit) values (1, '2024-05-01', 'C');
