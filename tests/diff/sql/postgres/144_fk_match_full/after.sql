-- MATCH FULL: a composite foreign key's columns are all null or none; it
-- was read, and made, as MATCH SIMPLE (a row with one column null passed).
create table parent (a integer, b integer, primary key (a, b));
create table child (id integer primary key, a integer, b integer,
  constraint child_parent_fkey foreign key (a, b) references parent (a, b) match full on delete cascade);
