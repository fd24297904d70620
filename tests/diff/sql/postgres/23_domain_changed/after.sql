create domain positive_int as integer not null default 1
  constraint positive_int_check check (value > 0) constraint positive_int_small check (value < 1000);
create domain label as varchar(20);
comment on domain label is 'a short label';
create table item (id integer primary key, qty positive_int not null, tag label);
