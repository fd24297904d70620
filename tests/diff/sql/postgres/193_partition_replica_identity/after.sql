create table ev (id integer not null, at date not null, note text, primary key (id, at))
  partition by range (at);
create table ev_2024 partition of ev for values from ('2024-01-01') to ('2025-01-01');
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
create table ev_2027 partition of ev for values from ('2027-01-01') to ('2028-01-01')
  partition by list (id);
create table ev_2027_1 partition of ev_2027 for values in (1);
alter table ev_2024 replica identity full;
alter table ev_2025 replica identity full;
alter table ev_2027 replica identity nothing;
alter table ev_2027_1 replica identity full;
