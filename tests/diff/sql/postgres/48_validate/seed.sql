insert into author values (1, 'A');
insert into book values (1, 1, 100);
