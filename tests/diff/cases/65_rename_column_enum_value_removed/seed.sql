insert into ticket (id, status) values (1, 'open'), (2, 'closed');
