-- Columns moving between time, time with time zone and interval: the
-- server casts each to the other, so the columns change in place.
create table shift (
  id integer primary key,
  starts time with time zone not null,
  ends time,
  span interval
);
