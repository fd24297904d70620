-- A table of its own becomes a partition, and a partition a table of its
-- own: attached and detached with their rows (they were dropped and made
-- again: their rows lost). The table attached had its own key, index,
-- check, default and comment, and its columns in another order; the
-- partition detached takes a key, an index and a check of its own.
create table ref (id integer primary key);
create table ev (id integer not null, at date not null, kind text default 'k', ref_id integer references ref,
                 primary key (id, at), check (id > 0)) partition by range (at);
create index ev_kind_idx on ev (kind);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_old (at date not null, id integer not null, kind text default 'old', ref_id integer,
                     constraint ev_old_key primary key (id, at), check (id > 0), check (kind <> ''));
create index ev_old_at on ev_old (at);
comment on table ev_old is 'before 2025';
insert into ref values (1);
