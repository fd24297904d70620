insert into item (id, code, kind, note) values (1, 'a', 'k', 'x'), (2, 'b', null, null);
