insert into product (shop, sku, name) values ('s1', 'a', 'Apple'), ('s1', 'b', 'Banana'), ('s2', 'a', 'Avocado');
insert into line (id, shop, sku, qty) values (1, 's1', 'a', 2), (2, 's2', 'a', 1), (3, 's1', 'b', 5);
