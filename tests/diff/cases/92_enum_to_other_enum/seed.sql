insert into ticket (id, state) values (1, 'open'), (2, 'closed');
