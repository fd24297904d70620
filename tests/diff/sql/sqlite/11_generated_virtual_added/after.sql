create table item (id integer primary key, name text not null, price integer, label text generated always as (upper(name)) virtual);
