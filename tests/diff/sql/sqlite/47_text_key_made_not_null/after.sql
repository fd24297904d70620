create table country (code text not null primary key, name text not null);
