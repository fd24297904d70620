-- The rowid (INTEGER PRIMARY KEY) made INTEGER PRIMARY KEY DESC, which is no
-- rowid: the table is rebuilt and every id kept as it was, not numbered
-- again; down makes it the rowid again, the same ids.
create table note (id integer primary key, body text);
