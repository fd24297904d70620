create table item (id integer primary key, name text not null, note text);
create view notes as select id, note from item where note is not null;
create view names as select id, name from item;
