create table shift (
  id integer primary key,
  starts time not null,
  ends timetz,
  span time
);
