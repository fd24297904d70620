create table ev (id bigint not null, ts timestamptz not null default now(), kind text default 'x',
                 n integer default 1, seen timestamp(3) default now()) partition by range (ts);
create table ev_2024 (like ev);
alter table ev_2024 alter column kind set default 'x';
alter table ev attach partition ev_2024 for values from ('2024-01-01') to ('2025-01-01');
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
alter table ev_2025 alter column n set default 6;
create table ev_2026 (like ev);
alter table ev attach partition ev_2026 for values from ('2026-01-01') to ('2027-01-01');
create table ev_rest partition of ev default partition by list (kind);
create table ev_rest_a partition of ev_rest for values in ('a');
alter table ev_rest_a alter column n set default 7;
