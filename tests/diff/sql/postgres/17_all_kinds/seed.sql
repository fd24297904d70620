insert into tag values (1, 'Red'), (2, 'blue');
