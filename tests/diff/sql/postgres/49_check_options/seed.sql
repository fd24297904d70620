insert into reading values (1, -5, '2019-06-01');
