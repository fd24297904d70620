insert into author (id, code, name) values (1, 'ann', 'Ann A'), (2, 'bert', 'Bert B');
insert into book (id, author_code, title) values (1, 'ann', 'A'), (2, 'bert', 'B'), (3, 'ann', 'C');
