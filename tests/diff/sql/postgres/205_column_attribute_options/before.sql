-- A column's attribute options (ALTER COLUMN ... SET (n_distinct = ...)):
-- they were reported as not carried ("column item.code: options (...)")
-- and lost when tide made the table. One column gains them, one changes
-- one and loses the other, one loses them all, one has them in another
-- order (pg_dump prints them in the order kept).
create table item (id integer primary key, code text, kind text, note text, tag text);
alter table item alter column kind set (n_distinct = -0.25, n_distinct_inherited = 40);
alter table item alter column note set (n_distinct = 500);
alter table item alter column tag set (n_distinct = 2, n_distinct_inherited = 3);
create table ev (id integer, at date) partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
