create extension if not exists pg_trgm;
create table doc (id integer primary key, title text, body text);
