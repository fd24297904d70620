insert into item (name) values ('a'), ('b');
