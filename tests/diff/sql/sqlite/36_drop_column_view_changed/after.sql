create table item (id integer primary key, name text not null);
create view notes as select id, name from item;
create view names as select id, name from item;
