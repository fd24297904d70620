insert into t values (1, 10), (2, 20);
