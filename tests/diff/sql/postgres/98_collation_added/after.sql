create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create table account (id integer primary key, email text collate ci not null);
comment on collation ci is 'case-insensitive';
create collation libc_c (locale = 'C');
create collation libc_mixed (lc_collate = 'C', lc_ctype = 'C.utf8');
