-- A primary key's INCLUDE columns (stored in its index, not keys): they
-- were reported as not carried (the key was read, and made, without them).
-- One key gains them, one changes them, one loses them, one keeps them.
create table item (id integer primary key, code text, label text);
create table tag (id integer, name text, color text, constraint tag_pk primary key (id) include (name));
create table box (id integer, size integer, note text, primary key (id) include (size, note));
create table kept (id integer, a text, b text, primary key (id) include (b, a));
