insert into note (id, body) values (1, 'a');
