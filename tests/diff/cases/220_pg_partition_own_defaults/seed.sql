insert into ev (id, at, kind, n) values (1, '2024-05-01', 'a', 1), (2, '2025-05-01', 'b', 2), (3, '2026-05-01', null, null);
