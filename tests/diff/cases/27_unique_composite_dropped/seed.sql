insert into slot (id, room, day, hour) values (1, 'a', '2024-05-01', 9), (2, 'a', '2024-05-01', 10), (3, 'b', '2024-05-02', 9);
