insert into person values (1, 'A@x'), (2, 'b@y');
