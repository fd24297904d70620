insert into account values (1, 'Ann@Example.org'), (2, 'bob@example.org');
