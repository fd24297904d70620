insert into item (id, name, price) values (1, 'a', 5), (2, 'b', 50), (3, 'c', 1);
insert into tag (id, name) values (1, 'x');
refresh materialized view s.item_count;
