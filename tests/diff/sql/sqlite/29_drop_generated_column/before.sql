create table item (id integer primary key, name text not null, price integer, double_price integer generated always as (price * 2) stored, label text generated always as (upper(name)) virtual);
