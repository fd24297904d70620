insert into w (id, s) values (1, ' A '), (2, 'b');
