create table item (id integer primary key autoincrement, name text not null, price integer, total integer generated always as (price * 2) stored);
create index item_total on item (total);
