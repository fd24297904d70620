insert into tags (id, name) values (1, 'red');
