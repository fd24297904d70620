create type money2 as (amount numeric(10,2), currency char(3), note text);
create type tag as (a integer, b text);
create type unused as (a integer);
create table price (id integer primary key, value money2);
