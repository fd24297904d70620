insert into item (id, code, label) values (1, 'a', 'first'), (2, 'b', null);
insert into tag (id, name, color) values (1, 'red', 'r'), (2, 'blue', null);
insert into box (id, size) values (1, 3);
