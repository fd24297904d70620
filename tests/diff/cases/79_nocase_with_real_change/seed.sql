insert into Item (Name) values ('a'), ('b'), ('c');
delete from Item where Name = 'c';
