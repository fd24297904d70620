insert into account (id, email, age) values (1, 'Ann@example.org', 30), (2, 'bob@example.org', 41);
