insert into note values (1, 'first', '2024-01-01');
