-- A partition partitioned in turn (its own key and partitions): it was read
-- as a plain partition and its partitions were lost without a word (issue
-- 13, item 5). Its partitions take new ones, a new bound, a copy of an
-- index under a name of its own; a new partition comes with partitions of
-- its own.
create table m (id integer not null, at date not null, region text not null, primary key (id, at, region))
  partition by range (at);
create index m_region_idx on m (region);
create table m_2025 partition of m for values from ('2025-01-01') to ('2026-01-01') partition by list (region);
create table m_2025_eu partition of m_2025 for values in ('eu', 'uk');
create table m_2025_rest partition of m_2025 default;
create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');
alter index m_2025_eu_region_idx rename to m25eu_region;
