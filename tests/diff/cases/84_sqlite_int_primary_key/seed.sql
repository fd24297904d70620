insert into tag (id, name) values (10, 'a'), (20, 'b');
