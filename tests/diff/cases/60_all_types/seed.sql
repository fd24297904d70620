insert into anchor (id) values (1), (2);
