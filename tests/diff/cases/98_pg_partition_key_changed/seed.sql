insert into visit values (1, 'eu'), (2, 'us');
