create table item (id integer primary key, name text not null, price integer, max_price integer, check (price <= max_price));
