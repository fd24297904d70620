create collation folding (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
create table t (id integer primary key);
