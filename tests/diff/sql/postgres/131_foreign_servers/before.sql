-- Foreign data wrappers made by hand (no handler: PostgreSQL's own
-- validator, or none) and foreign servers: a wrapper's options and
-- validator change in place, a server's version and options change in
-- place (the foreign tables that read it are made again around it, and
-- the view on one of them), a server moves to another wrapper (made
-- again), one is dropped with its wrapper, one added; comments on each.
create foreign data wrapper plain;
comment on foreign data wrapper plain is 'nothing behind it';
create foreign data wrapper checked validator postgresql_fdw_validator;
create foreign data wrapper retired;
create server alpha type 'csv' version '1' foreign data wrapper plain options (path '/srv/a', mode 'r');
comment on server alpha is 'first';
create server beta foreign data wrapper plain;
create server gone foreign data wrapper retired;
create foreign table reading (at timestamptz not null, value numeric(8,2)) server alpha options (file 'r.csv');
create view recent_reading as select at, value from reading where at > '2024-01-01';
create foreign table other (id integer) server beta;
create table sensor (id integer primary key, name text);
