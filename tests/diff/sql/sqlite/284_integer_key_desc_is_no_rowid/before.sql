-- "csn INTEGER PRIMARY KEY DESC" on a rowid table (a log keyed by sequence
-- number): SQLite does not make it the rowid (a documented quirk: ASC or no
-- order would), so the key is an index of its own and the column, not being
-- the rowid, may hold NULL. A rebuild (a column added mid-table) must write
-- it back so: as "csn INTEGER PRIMARY KEY" the NULL keys would be numbered.
create table log (csn integer primary key desc, payload text);
