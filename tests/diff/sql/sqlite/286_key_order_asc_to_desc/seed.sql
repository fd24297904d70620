insert into score values ('ann', 1, 10), ('ann', 2, 30), ('bob', 1, 20);
