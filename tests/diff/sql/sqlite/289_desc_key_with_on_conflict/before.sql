-- A key's DESC beside its ON CONFLICT clause, on the column ("PRIMARY KEY
-- DESC ON CONFLICT REPLACE": the order comes first) and on the table
-- (PRIMARY KEY (a DESC, b) ON CONFLICT IGNORE): a rebuild (a column added
-- mid-table) writes both, in SQLite's order.
create table setting (seq integer primary key desc on conflict replace, name text, value text);
create table pairing (a text, b text, note text, primary key (a desc, b) on conflict ignore) without rowid;
