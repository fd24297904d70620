insert into doc (id) values (1), (2);
