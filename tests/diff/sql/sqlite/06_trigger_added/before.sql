create table item (id integer primary key, name text not null, price integer);
create table audit (item_id integer, what text);
