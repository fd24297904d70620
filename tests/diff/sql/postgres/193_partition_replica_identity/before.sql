-- A partition's REPLICA IDENTITY (FULL, NOTHING): it was reported as not
-- carried ("replica identity of a partition"), and lost when tide made the
-- partition. One gains it, one changes it, one goes back to the default,
-- one partition partitioned in turn has it.
create table ev (id integer not null, at date not null, note text, primary key (id, at))
  partition by range (at);
create table ev_2024 partition of ev for values from ('2024-01-01') to ('2025-01-01');
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
alter table ev_2025 replica identity nothing;
alter table ev_2026 replica identity full;
