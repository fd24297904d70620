create table animal (id integer primary key, name text not null, born date, check (name <> ''));
create table zebra (stripes integer not null default 0, primary key (id)) inherits (animal);
create index zebra_name_idx on zebra (name);
create table aardvark (id integer, primary key (id)) inherits (animal);
create table tagged (tag text);
create table tagged_zebra (note text) inherits (zebra, tagged);
comment on table zebra is 'a striped animal';
