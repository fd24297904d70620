create table item (id integer primary key, price numeric not null);
