create table animal (id integer primary key, name text not null);
