insert into item (name, price) values ('a', 5), ('b', 50); delete from item where name = 'b';
