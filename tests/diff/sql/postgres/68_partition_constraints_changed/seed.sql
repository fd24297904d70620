insert into payment values (1, 'eu', 10, 'a'), (2, 'us', -5, 'b'), (3, 'eu', 7, null);
