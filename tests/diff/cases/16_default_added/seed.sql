insert into item (id, status, qty) values (1, 'live', 5), (2, 'gone', null);
