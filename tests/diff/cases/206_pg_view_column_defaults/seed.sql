insert into item (id, status, qty) values (1, 'a', 2), (2, null, null);
insert into memo (id, note) values (1, 'x');
