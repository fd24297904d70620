insert into author (id, name) values (1, 'Ann'), (2, 'Bert');
insert into book (id, author_id, title) values (1, 1, 'A'), (2, 2, 'B');
insert into scratch (k, v) values ('x', 'y');
