create table ticket (
  id bigint not null,
  region text not null,
  opened timestamptz not null,
  status text not null
) partition by list (region);
create index ticket_opened_idx on ticket (opened);
create table ticket_eu partition of ticket for values in ('eu');
create table ticket_us partition of ticket for values in ('us');
create index ticket_eu_status_idx on ticket_eu (status);
create index ticket_us_status_idx on ticket_us (status);
