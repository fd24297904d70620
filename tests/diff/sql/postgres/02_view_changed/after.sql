create table item (id integer primary key, name text not null, price numeric(10,2));
create view cheap_item as select id, upper(name) as label, price from item where price < 20;
