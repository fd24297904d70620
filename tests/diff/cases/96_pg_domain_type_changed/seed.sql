insert into box (id, n, tag, size) values (1, 5, 'a', row(1, 2)), (2, 7, 'b', null);
