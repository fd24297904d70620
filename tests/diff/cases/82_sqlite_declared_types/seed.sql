insert into item (id, code, blob, label, flag, price) values (1, 7, x'00ff', 'a', 0, 1.5);
insert into item (id, code, label) values (2, 8, 'b');
