insert into account values (1, 'Ann@Example.com'), (2, 'bob@example.com');
