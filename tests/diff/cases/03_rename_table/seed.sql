insert into person (email, name) values ('a@x', 'Ann'), ('b@x', null);
