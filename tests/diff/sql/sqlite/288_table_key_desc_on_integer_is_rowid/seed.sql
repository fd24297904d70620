insert into item (id, name) values (9, 'nine'), (2, 'two');
