insert into job (id, name) values (1, 'a'), (2, 'b');
