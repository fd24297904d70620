-- Tables without columns (CREATE TABLE t (), as PostgreSQL allows; a
-- real fixture set, PostgREST's, has them): the DSL refused them, so
-- reading such a database left them out and made nothing. One stays, one
-- gains a column, one loses its last column, one is made, one dropped.
create table kept ();
comment on table kept is 'nothing in it';
create table grow ();
create table shrink (a integer);
create table gone ();
create table item (id integer primary key);
