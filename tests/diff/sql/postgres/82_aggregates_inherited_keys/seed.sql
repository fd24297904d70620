insert into member values (1, 'ann'), (2, 'bob');
insert into charge_2024 values (1, 1, 9.50);
