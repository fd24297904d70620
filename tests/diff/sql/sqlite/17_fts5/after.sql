create table item (id integer primary key, name text not null, price integer);
create virtual table docs using fts5(title, body);
