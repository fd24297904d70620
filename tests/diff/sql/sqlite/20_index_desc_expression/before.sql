create table person (id integer primary key, email text not null);
