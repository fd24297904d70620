insert into ev values (1, '2025-02-01', 'a', 1), (2, '2026-02-01', 'b', 2);
