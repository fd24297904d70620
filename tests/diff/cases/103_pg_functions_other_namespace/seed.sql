insert into s.thing (id, price) values (1, 5), (2, 50);
insert into note (id) values (1);
