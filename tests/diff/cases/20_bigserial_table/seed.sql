insert into item (id, name) values (1, 'a'), (2, 'b');
