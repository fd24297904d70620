insert into "Users" (id, name) values (1, 'Ann'), (2, 'Bob');
