create table reading (id bigint primary key, value numeric not null, taken_at timestamptz not null,
  constraint reading_value_range check (value between -100 and 100) no inherit);
alter table reading add constraint reading_recent check (taken_at > '2020-01-01') not valid;
alter table reading add constraint reading_positive check (value >= 0) no inherit not valid;
