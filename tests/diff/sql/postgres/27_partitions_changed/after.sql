create table event (
  id bigint not null,
  at date not null,
  kind text not null,
  note text,
  primary key (id, at)
) partition by range (at);
create index event_kind_idx on event (kind);
create table event_2023 partition of event for values from ('2023-01-01') to ('2024-01-01');
create table event_2024 partition of event for values from ('2024-01-01') to ('2025-01-01');
create table event_2025 partition of event for values from ('2025-01-01') to ('2026-01-01');
comment on table event_2023 is 'closed';
