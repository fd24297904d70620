insert into account (id, email) values (1, 'Ann@Example.com');
