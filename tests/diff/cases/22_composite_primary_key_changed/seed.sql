insert into stock (shop, sku, day, qty) values ('s1', 'a', '2024-01-01', 1), ('s1', 'b', '2024-01-01', 2), ('s2', 'a', '2024-01-02', 3);
