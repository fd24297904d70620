insert into person values (1, 'A@x', 'a'), (2, 'b@y', 'b');
