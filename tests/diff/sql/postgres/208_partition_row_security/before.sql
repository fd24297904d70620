-- A partition's own row level security (ENABLE / FORCE ROW LEVEL
-- SECURITY: a partition does not take its table's): it was reported as
-- not carried and lost when tide made the partition. One gains it, one
-- is forced too, one loses it; a partition partitioned in turn has it.
create table ev (id integer not null, at date not null, note text) partition by range (at);
alter table ev enable row level security;
create table ev_2024 partition of ev for values from ('2024-01-01') to ('2025-01-01');
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
alter table ev_2026 enable row level security;
alter table ev_2026 force row level security;
