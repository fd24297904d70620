create table item (id integer primary key, name text not null, code text, price integer);
create index item_code on item (code desc) where price > 0;
create index item_name on item (name);
