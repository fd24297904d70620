-- a table clustered on one index, another not clustered
create table visit (id bigint primary key, at timestamptz not null, page text);
create index visit_at on visit (at);
alter table visit cluster on visit_at;
create table page (id int primary key, path text not null);
create unique index page_path on page (path);
create table log (id int primary key, at date, lvl int);
create index log_at on log (at);
alter table log cluster on log_at;
