create extension if not exists citext;
create table tag (id integer primary key, name citext not null);
