insert into person (id, name, email) values (1, 'Ann', 'a@x'), (2, 'Bert', null);
insert into plain (id) values (7);
