create table item (id integer primary key, name text not null);
create view item_names as select name from item;
