insert into event (id, at, body) values (1, '2025-03-01', 'a'), (2, '2025-04-01', 'b');
insert into tag (id, name) values (1, 'x'), (2, 'y');
