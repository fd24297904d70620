insert into item (name, legacy, code) values ('a', 1, 'c1'), ('b', null, 'c2');
