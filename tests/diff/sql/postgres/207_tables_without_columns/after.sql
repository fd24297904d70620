create table kept ();
comment on table kept is 'nothing in it';
create table grow (b text);
create table shrink ();
create table fresh ();
create table item (id integer primary key);
