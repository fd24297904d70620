insert into grant_rule (id) values (1), (2);
