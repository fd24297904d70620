create table item (id integer primary key autoincrement, name text not null, price integer not null default (abs(1)));
