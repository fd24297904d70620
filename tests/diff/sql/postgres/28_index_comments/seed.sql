insert into doc values (1, 'a', 'x', 'en'), (2, 'b', 'y', 'fr');
