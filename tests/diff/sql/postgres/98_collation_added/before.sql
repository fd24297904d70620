-- A collation made by hand (ICU, case-insensitive: nondeterministic) and a
-- column that takes it: the collation is created before the column changes
-- (alter column ... type text collate), and dropped after it on the way back.
create table account (id integer primary key, email text not null);
create collation libc_c (locale = 'C');
