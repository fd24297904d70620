insert into message (id, client_id, room, seq, body) values (1, 'c1', 'r', 1, 'hi'), (2, 'c2', 'r', 2, '');
