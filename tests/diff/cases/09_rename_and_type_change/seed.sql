insert into person (name, age) values ('Ann', 31), ('Bert', null);
