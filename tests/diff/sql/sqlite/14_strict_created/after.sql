create table item (id integer primary key, name text not null, price integer);
create table note (id integer primary key, body text not null) strict;
