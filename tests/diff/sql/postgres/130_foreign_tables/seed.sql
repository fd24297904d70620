insert into rental values (1, 10, '2024-01-02'), (2, 11, null);
