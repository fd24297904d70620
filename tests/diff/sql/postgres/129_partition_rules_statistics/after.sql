create table ev (id integer not null, at date not null, kind text, n integer) partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01');
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
create materialized view ev_kinds as select kind, n, count(*) as c from ev group by kind, n;
create rule ev_2025_keep as on delete to ev_2025 where old.n > 0 do instead nothing;
create rule ev_2026_keep as on update to ev_2026 do instead nothing;
create statistics ev_2025_kind_n (dependencies) on kind, n from ev_2025;
create statistics ev_kinds_stats (ndistinct, mcv) on kind, n from ev_kinds;
comment on statistics ev_kinds_stats is 'grouping';
