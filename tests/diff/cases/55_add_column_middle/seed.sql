insert into person (id, first, last) values (1, 'Ann', 'Lee'), (2, 'Bert', 'Ng');
