create table country (code text primary key, name text not null);
