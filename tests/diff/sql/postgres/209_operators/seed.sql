insert into place (id, at) values (1, '(1,2)'), (2, '(3,4)');
