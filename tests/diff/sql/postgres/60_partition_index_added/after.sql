create table reading (
  sensor integer not null,
  taken date not null,
  value numeric not null
) partition by range (taken);
create index reading_sensor_idx on reading (sensor);
create table reading_2024 partition of reading for values from ('2024-01-01') to ('2025-01-01');
create table reading_2025 partition of reading for values from ('2025-01-01') to ('2026-01-01');
create index reading_2025_taken_idx on reading_2025 (taken) where value > 100;
create unique index reading_2024_sensor_taken on reading_2024 using btree (sensor, taken desc);
comment on index reading_2024_sensor_taken is 'one reading a day';
