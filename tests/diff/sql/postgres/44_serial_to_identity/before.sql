create table account (id serial primary key, email text not null);
create table audit (id bigint generated always as identity primary key, what text);
