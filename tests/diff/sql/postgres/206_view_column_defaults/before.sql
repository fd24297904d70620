-- A view's column defaults (ALTER VIEW ... ALTER COLUMN ... SET DEFAULT:
-- what an INSERT through the view takes): they were reported as not
-- carried and lost when tide made the view. One view gains one, one
-- changes one and loses another (both altered in place), one is made
-- again (the column it reads changes type) and must be given its defaults
-- again, one of them calling a sequence made in the same change.
create table item (id integer primary key, status text, qty integer);
create table memo (id integer primary key, note varchar(20));
create view item_v as select id, status, qty from item;
create view item_w as select id, status, qty from item;
alter view item_w alter column status set default 'new';
alter view item_w alter column qty set default 1;
create view memo_v as select id, note from memo;
alter view memo_v alter column note set default 'n/a';
