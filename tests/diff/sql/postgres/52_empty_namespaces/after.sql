-- idle and archive go; staging comes empty, reports with only a function
create schema staging;
create schema reports;
create function reports.answer() returns integer language sql as 'select 42';
create schema kept;
create table kept.item (id integer primary key);
