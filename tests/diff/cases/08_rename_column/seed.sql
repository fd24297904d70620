insert into person (name, mail) values ('Ann', 'a@x'), ('Bert', null);
