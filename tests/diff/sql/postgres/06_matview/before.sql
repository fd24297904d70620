create table sale (id integer primary key, region text not null, amount integer not null);
