create table item (id integer primary key, name text not null, price integer);
create virtual table box using rtree(id, x0, x1);
