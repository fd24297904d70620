insert into Item (Name) values ('a'), ('b'), ('c');
delete from Item where Name = 'c';
create trigger item_touch after update on Item begin select 1; end;
