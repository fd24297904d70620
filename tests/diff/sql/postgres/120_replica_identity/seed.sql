insert into account values (1, 'a@x'); insert into invoice values (1, 'I1'); insert into member values (1, 2, 'm'); insert into setting values ('k', 'v');
