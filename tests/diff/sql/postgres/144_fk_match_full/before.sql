create table parent (a integer, b integer, primary key (a, b));
create table child (id integer primary key, a integer, b integer,
  constraint child_parent_fkey foreign key (a, b) references parent (a, b) on delete cascade);
