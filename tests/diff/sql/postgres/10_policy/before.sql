create table note (id integer primary key, owner text not null, body text);
