insert into item (id, code, label) values (1, 'a', 'first'), (2, 'b', null);
insert into tag (id, name, color, size) values (1, 'red', 'r', 1), (2, 'blue', null, 2);
