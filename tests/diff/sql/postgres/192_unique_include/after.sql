create table item (id integer primary key, code text not null, label text, note text,
  constraint item_code_key unique (code) include (label, note));
create table tag (id integer primary key, name text, color text, size integer,
  constraint tag_name_key unique (name) include (size, color),
  unique nulls not distinct (color) include (name) deferrable);
-- a partitioned table's: the copies on its partitions are named from the
-- key and INCLUDE columns (ev_2025_id_at_note_key)
create table ev (id integer not null, at date not null, note text, unique (id, at) include (note))
  partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
