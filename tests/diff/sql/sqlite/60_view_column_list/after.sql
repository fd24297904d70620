-- the names change, and the table under the views is rebuilt (price loses
-- a check-less type): both views come back with their own column names
create table item (id integer primary key, label text not null, price real check (price >= 0));
create view item_names (item_id, name) as select id, label from item;
create view item_prices (item_id, amount) as select id, price from item;
