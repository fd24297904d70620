create table item (id integer primary key, name text not null, price integer);
create index item_name on item (name);
create view named as select id, name from item;
