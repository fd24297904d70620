insert into ev (id, at, note) values (1, '2024-05-01', 'a'), (2, '2025-05-01', 'b'), (3, '2026-05-01', null);
