-- A table's PRIMARY KEY (id DESC) on an INTEGER column is the rowid (only
-- the column's INTEGER PRIMARY KEY DESC is not): SQLite keeps no order for
-- it, nor an index, and tide reads it as the rowid. A rebuild (a column
-- added mid-table) keeps it the rowid, and never turns it into a DESC key.
create table item (id integer, name text, primary key (id desc));
