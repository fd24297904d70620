create table item (id integer primary key, name text not null, price numeric(10,2));
create view cheap_item as select id, name from item where price < 10;
