insert into m (id, at, region) values (1, '2025-03-01', 'eu'), (2, '2025-04-01', 'br'), (3, '2026-01-02', 'us');
