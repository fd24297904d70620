create table ev (id integer not null, at date not null, note text) partition by range (at);
alter table ev enable row level security;
create table ev_2024 partition of ev for values from ('2024-01-01') to ('2025-01-01');
alter table ev_2024 enable row level security;
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
alter table ev_2025 enable row level security;
alter table ev_2025 force row level security;
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
create table ev_2027 partition of ev for values from ('2027-01-01') to ('2028-01-01')
  partition by list (id);
alter table ev_2027 force row level security;
create table ev_2027_1 partition of ev_2027 for values in (1);
alter table ev_2027_1 enable row level security;
