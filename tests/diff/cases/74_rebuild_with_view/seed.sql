create view cheap_item as select id, name from item where price < 10;
insert into item (id, name, price) values (1, 'a', 5), (2, 'b', 50), (3, 'c', 1);
