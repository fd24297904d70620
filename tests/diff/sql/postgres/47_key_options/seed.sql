insert into seat values (1, 1, 1, 'a', null), (2, 1, 2, null, 'x');
