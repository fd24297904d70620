insert into kept.item (id) values (1), (2);
