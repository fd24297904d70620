create type money2 as (amount numeric(10,2), currency char(3), rate real);
create type tag as (a bigint, b text, c boolean);
comment on type tag is 'a tag';
create table price (id integer primary key, value money2);
