create table seat (
  id integer not null,
  row_no integer not null,
  col_no integer not null,
  code text,
  holder text,
  constraint seat_pkey primary key (id) deferrable initially deferred,
  constraint seat_place unique (row_no, col_no) deferrable,
  constraint seat_code unique nulls not distinct (code),
  constraint seat_holder unique nulls not distinct (holder) deferrable initially deferred
);
