insert into parent values (1, 2);
insert into child values (1, 1, 2), (2, null, null);
