create table item (id integer primary key, name text not null, price integer);
create index item_cheap on item (name) where price < 10;
