insert into ticket values (1, 'eu', '2024-01-01', 'open'), (2, 'us', '2024-01-02', 'closed');
