-- added (billing), changed (archive), removed (scratch), and a new schema with one
create schema billing;
comment on schema billing is 'Invoices and payments';
create table billing.invoice (id integer primary key);
create schema archive;
comment on schema archive is 'rows older than a year';
create schema scratch;
create schema reports;
comment on schema reports is 'read-only views for the BI tool';
