create table item (id integer primary key, name text not null, price integer, total integer generated always as (price * 2) stored);
