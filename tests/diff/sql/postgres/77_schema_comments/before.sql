create schema billing;
create table billing.invoice (id integer primary key);
create schema archive;
comment on schema archive is 'old rows';
create schema scratch;
comment on schema scratch is 'to be emptied';
