-- visit moves to its key, page gets clustered on its unique index, and a
-- new table comes clustered
create table visit (id bigint primary key, at timestamptz not null, page text);
create index visit_at on visit (at);
alter table visit cluster on visit_pkey;
create table page (id int primary key, path text not null);
create unique index page_path on page (path);
alter table page cluster on page_path;
create table hit (id int primary key, n int);
create index hit_n on hit (n);
alter table hit cluster on hit_n;
-- log's clustered index changes its columns: dropped, created, clustered again
create table log (id int primary key, at date, lvl int);
create index log_at on log (at, lvl);
alter table log cluster on log_at;
