-- a view that names its columns: the query alone would name them id, label
create table item (id integer primary key, label text not null, price integer);
create view item_names (item_id, item_label) as select id, label from item;
