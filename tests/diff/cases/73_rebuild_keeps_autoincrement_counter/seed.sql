insert into item (name) values ('a'), ('b'), ('c');
delete from item where name = 'c';
