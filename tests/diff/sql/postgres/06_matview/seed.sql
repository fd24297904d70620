insert into sale values (1, 'north', 10), (2, 'north', 5), (3, 'south', 7);
