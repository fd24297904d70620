-- e moves from the parent to the child, n2 goes
create table stamped (created_at timestamp default now());
create table note (n1 integer) inherits (stamped);
alter table note add column e integer;
