-- A partition's own column defaults (where they differ from its table's).
-- A partition made LIKE its table and attached has none where its table
-- has one (a job queue's partitions are made so); tide made every partition
-- with PARTITION OF, which gives it its table's: the database it made
-- differed, and it was said by name as not carried. PostgreSQL gives a
-- partitioned table's SET DEFAULT to every partition under it, so the plan
-- gives the partitions' own defaults again after one. None on a column with
-- a type modifier is DROP DEFAULT (SET DEFAULT NULL kept NULL::timestamp).
create table ev (id bigint not null, ts timestamptz not null default now(), kind text default 'x',
                 n integer default 0, seen timestamp(3) default now()) partition by range (ts);
create table ev_2024 (like ev);
alter table ev attach partition ev_2024 for values from ('2024-01-01') to ('2025-01-01');
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
alter table ev_2025 alter column n set default 5;
create table ev_rest partition of ev default partition by list (kind);
create table ev_rest_a partition of ev_rest for values in ('a');
alter table ev_rest_a alter column kind set default 'a';
alter table ev_rest_a alter column n set default 7;
