create table note (id integer primary key desc, body text);
