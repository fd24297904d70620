create table item (id integer primary key, name text not null, code text unique, price integer);
