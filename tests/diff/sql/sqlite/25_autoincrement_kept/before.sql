create table item (id integer primary key autoincrement, name text not null);
