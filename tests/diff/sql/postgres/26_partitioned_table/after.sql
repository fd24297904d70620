create table region (code text primary key);
create table event (
  id bigint not null,
  at date not null,
  region text not null references region (code),
  payload jsonb,
  primary key (id, at)
) partition by range (at);
comment on table event is 'all events, by year';
create index event_region_idx on event (region);
create table event_2024 partition of event for values from ('2024-01-01') to ('2025-01-01');
create table event_2025 partition of event for values from ('2025-01-01') to ('2026-01-01');
comment on table event_2025 is 'this year';
create table event_other partition of event default;
create table customer (id integer not null, zone text not null, name text) partition by list (zone);
create table customer_eu partition of customer for values in ('eu', 'uk');
create table customer_us partition of customer for values in ('us');
create table bucket (k integer not null) partition by hash (k);
create table bucket_0 partition of bucket for values with (modulus 2, remainder 0);
create table bucket_1 partition of bucket for values with (modulus 2, remainder 1);
