-- A WITHOUT ROWID table whose key sorts one column DESC (a wiki bot's
-- "version_id INTEGER PRIMARY KEY DESC ... WITHOUT ROWID", and a pair key
-- PRIMARY KEY (page, rev DESC)): a rebuild (a type changed) keeps each key's
-- order, which is the table's own order of rows.
create table contribution (version_id integer primary key desc, document_id integer, written_at char(32)) without rowid;
create table revision (page text, rev integer, body text, primary key (page, rev desc)) without rowid;
