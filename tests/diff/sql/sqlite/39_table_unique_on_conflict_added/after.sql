create table reading (id integer primary key autoincrement, sensor text not null, taken_at integer not null, value real,
  unique (sensor, taken_at) on conflict replace);
create index reading_value on reading (value);
