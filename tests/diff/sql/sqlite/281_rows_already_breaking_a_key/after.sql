create table library (id integer primary key, name text not null);
create table item (id integer primary key, library_id int references library (id), title text);
create table note (id integer primary key, item_id int references item (id), body text, size text);
