create table event (
  id bigint not null,
  at date not null,
  kind text not null,
  primary key (id, at)
) partition by range (at);
create table event_2023 partition of event for values from ('2023-01-01') to ('2024-01-01');
create table event_2024 partition of event for values from ('2024-01-01') to ('2024-07-01');
create table event_old partition of event for values from ('2000-01-01') to ('2001-01-01');
