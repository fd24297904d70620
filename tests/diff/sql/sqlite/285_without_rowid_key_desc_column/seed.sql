insert into contribution values (1, 10, '2024-01-01'), (7, 11, '2024-02-01');
insert into revision values ('home', 1, 'a'), ('home', 2, 'b'), ('about', 1, 'c');
