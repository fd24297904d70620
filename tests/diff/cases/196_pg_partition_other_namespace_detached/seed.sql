insert into events (id, action, created_at) values (1, 'push', '2025-03-01'), (2, 'merge', '2026-02-01');
