insert into section values (1, 10);
insert into chunk values (1, 10, 1), (2, 10, null);
