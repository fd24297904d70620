insert into item (name) values ('a'), ('b'); delete from item where id = 2;
