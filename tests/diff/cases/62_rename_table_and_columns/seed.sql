insert into person (id, mail, name) values (1, 'a@x', 'Ann'), (2, 'b@x', null);
