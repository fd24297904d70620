create table item (id integer primary key, name text not null check (length(name) > 0), price integer, max_price integer, constraint price_ok check (price >= 0));
