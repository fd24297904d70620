create table item (id integer, code text, label text, primary key (id) include (label, code));
create table tag (id integer, name text, color text, constraint tag_pk primary key (id) include (color));
create table box (id integer, size integer, note text, primary key (id));
create table kept (id integer, a text, b text, primary key (id) include (b, a));
-- a partitioned table's: each partition's copy is <partition>_pkey
create table ev (id integer not null, at date not null, note text, primary key (id, at) include (note))
  partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
