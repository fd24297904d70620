create table item (id integer primary key, qty integer not null, code text);
