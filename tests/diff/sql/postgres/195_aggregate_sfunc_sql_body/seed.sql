insert into t values (1, 2), (2, 5);
