insert into sale (id, day, region) values (1, '2025-05-01', 'eu');
