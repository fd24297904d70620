insert into author (id, name) values (1, 'Ann'), (2, 'Bert');
insert into book (id, author_id, editor_id, title) values (1, 1, 2, 'A'), (2, 2, null, 'B'), (3, null, 1, 'C');
