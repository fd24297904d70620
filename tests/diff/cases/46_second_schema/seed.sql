insert into account (id, name) values (1, 'Ann'), (2, 'Bert');
