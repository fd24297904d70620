insert into sample (a, b) values (1, 'x'), (2, 'y');
