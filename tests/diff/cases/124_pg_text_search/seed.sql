insert into doc (id, body) values (1, 'running dogs');
