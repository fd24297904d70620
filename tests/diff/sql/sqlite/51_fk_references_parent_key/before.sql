-- REFERENCES naming the parent only (its key): PRAGMA foreign_key_list
-- says no column, and a table written again keeps it so
create table client (id varchar(36) not null constraint client_pk primary key, name varchar(128));
create table logo (
  client_id varchar(36) not null
    constraint logo_pk primary key
    constraint logo_client_fk references client on update cascade on delete cascade,
  data blob not null
);
