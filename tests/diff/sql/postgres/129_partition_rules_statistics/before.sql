-- Rules of a partition and extended statistics on a partition or on a
-- materialized view: reported by name, not carried (issue 13); now objects
-- on their partition or view like those on a table. A rule and statistics
-- are added, one of each changed, one dropped. A partition's storage
-- parameters (they were lost without a word) change, and a partition
-- takes some. A policy on a partition (it was lost without a word) is added.
create table ev (id integer not null, at date not null, kind text, n integer) partition by range (at);
create table ev_2025 partition of ev for values from ('2025-01-01') to ('2026-01-01') with (fillfactor = 70);
create table ev_2026 partition of ev for values from ('2026-01-01') to ('2027-01-01');
create materialized view ev_kinds as select kind, n, count(*) as c from ev group by kind, n;
create rule ev_2025_keep as on delete to ev_2025 do instead nothing;
create statistics ev_2025_kind_n on kind, n from ev_2025;
create statistics ev_kinds_stats (ndistinct) on kind, n from ev_kinds;
create statistics ev_2026_gone on kind, n from ev_2026;
