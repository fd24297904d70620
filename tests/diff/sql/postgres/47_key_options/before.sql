create table seat (
  id integer not null,
  row_no integer not null,
  col_no integer not null,
  code text,
  holder text,
  constraint seat_pkey primary key (id),
  constraint seat_place unique (row_no, col_no),
  constraint seat_code unique (code)
);
