insert into doc (id, body) values (1, 'the running dogs');
