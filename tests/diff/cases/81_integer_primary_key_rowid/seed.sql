insert into account (id, name) values (1, 'a'), (5, 'b');
insert into account (name) values ('c');
insert into entry (note) values ('x'), ('y');
