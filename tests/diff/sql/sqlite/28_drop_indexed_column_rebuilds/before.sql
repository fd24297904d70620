create table item (id integer primary key, name text not null, code text, price integer);
create index item_code on item (code) where price > 0;
