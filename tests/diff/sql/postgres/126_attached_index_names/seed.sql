insert into ev (id, at, kind, note) values (1, '2025-03-01', 'a', 'x'), (2, '2026-04-01', 'b', 'y');
