create table client (id varchar(36) not null constraint client_pk primary key, name varchar(128));
create table logo (
  client_id varchar(36) not null
    constraint logo_pk primary key
    constraint logo_client_fk references client on update cascade on delete cascade,
  data blob,
  mime varchar not null default 'image/png'
);
create table banner (
  client_id varchar not null references client on delete cascade,
  data blob
);
