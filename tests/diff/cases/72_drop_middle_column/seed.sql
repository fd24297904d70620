insert into person (id, first, middle, last) values (1, 'Ann', 'B', 'Lee'), (2, 'Bert', null, 'Ng');
