insert into visit values (1, '2024-02-02', '/home');
