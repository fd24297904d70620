create table item (id integer primary key, code text, kind text, note text, tag text);
alter table item alter column code set (n_distinct_inherited = -1, n_distinct = 100);
alter table item alter column kind set (n_distinct_inherited = 7);
alter table item alter column tag set (n_distinct_inherited = 3, n_distinct = 2);
-- a partitioned table's column takes them too
create table ev (id integer, at date) partition by range (at);
alter table ev alter column at set (n_distinct_inherited = 365);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
