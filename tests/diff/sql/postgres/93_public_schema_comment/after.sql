create table ledger (id integer primary key, memo text);
comment on schema public is 'Bookkeeping: one ledger per company';
