create table job (id integer primary key autoincrement, name text not null);
