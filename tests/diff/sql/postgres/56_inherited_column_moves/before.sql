create table stamped (created_at timestamp default now(), e integer);
create table note (n1 integer, n2 integer) inherits (stamped);
