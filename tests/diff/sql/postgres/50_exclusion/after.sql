create table booking (
  id integer primary key,
  room integer not null,
  during tsrange not null,
  cancelled boolean not null default false
);
alter table booking add constraint booking_no_overlap exclude using gist (during with &&) where (not cancelled);
comment on constraint booking_no_overlap on booking is 'one live booking at a time';
create table slot (id integer primary key, span int4range not null);
alter table slot add constraint slot_no_overlap exclude using gist (span with &&) deferrable initially deferred;
