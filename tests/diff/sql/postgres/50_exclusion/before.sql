create table booking (
  id integer primary key,
  room integer not null,
  during tsrange not null,
  cancelled boolean not null default false
);
create table slot (id integer primary key, span int4range not null);
alter table slot add constraint slot_no_overlap exclude using gist (span with &&);
