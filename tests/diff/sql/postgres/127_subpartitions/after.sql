create table m (id integer not null, at date not null, region text not null, primary key (id, at, region))
  partition by range (at);
create index m_region_idx on m (region);
create table m_2025 partition of m for values from ('2025-01-01') to ('2026-01-01') partition by list (region);
create table m_2025_eu partition of m_2025 for values in ('eu', 'uk', 'ch');
create table m_2025_us partition of m_2025 for values in ('us');
create table m_2025_rest partition of m_2025 default;
create table m_2026 partition of m for values from ('2026-01-01') to ('2027-01-01');
create table m_2027 partition of m for values from ('2027-01-01') to ('2028-01-01') partition by hash (id);
create table m_2027_h0 partition of m_2027 for values with (modulus 2, remainder 0);
create table m_2027_h1 partition of m_2027 for values with (modulus 2, remainder 1);
alter index m_2025_us_pkey rename to m25us_key;
alter index m_2027_h1_region_idx rename to m27h1_region;
