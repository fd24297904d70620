-- A collation's options change while no column uses it: PostgreSQL alters
-- none, so it is made again (drop, create).
create collation folding (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create table t (id integer primary key);
