create table item (id integer primary key, name text not null, price integer);
create view cheap as select id from item;
