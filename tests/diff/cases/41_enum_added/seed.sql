insert into ticket (id, title) values (1, 'one'), (2, 'two');
