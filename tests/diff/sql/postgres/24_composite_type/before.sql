create table shape (id integer primary key);
