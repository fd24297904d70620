insert into author (id, name) values (1, 'Ann'), (2, 'Bert');
insert into book (id, author_id, title) values (1, 1, 'A'), (2, 1, 'B'), (3, 2, 'C');
insert into review (id, book_id, stars) values (1, 1, 5), (2, 3, 4), (3, 2, 1);
