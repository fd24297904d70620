-- REPLICA IDENTITY (what logical replication logs of a changed row): one
-- table's changes from an index to FULL, one's from FULL to an index made
-- in the same change, one's from the default to NOTHING, one's index is
-- made again (its columns change) and must be named again after, and one
-- goes back to the default.
create table account (id integer primary key, email text not null, constraint account_email_key unique (email));
alter table account replica identity using index account_email_key;
create table invoice (id integer primary key, code text not null);
alter table invoice replica identity full;
create table event_log (at timestamptz not null, what text);
create table member (id integer primary key, org integer not null, login text not null);
create unique index member_login on member (login);
alter table member replica identity using index member_login;
create table setting (k text primary key, v text);
alter table setting replica identity full;
