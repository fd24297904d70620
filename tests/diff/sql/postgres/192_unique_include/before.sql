-- A unique constraint's INCLUDE columns (stored in its index, not keys):
-- they were reported as not carried (the constraint was read, and made,
-- without them).
create table item (id integer primary key, code text not null, label text, note text,
  constraint item_code_key unique (code));
create table tag (id integer primary key, name text, color text, size integer,
  constraint tag_name_key unique (name) include (color));
