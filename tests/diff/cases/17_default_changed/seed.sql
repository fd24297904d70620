insert into item (id, status, qty, flag) values (1, 'live', 5, true), (2, 'gone', null, false);
