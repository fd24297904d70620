insert into reading values (1, '2026-01-01', '{a}', 'x');
