create table t (id int primary key, v int);
create function add_v(acc bigint, x int) returns bigint language sql immutable
  return acc + x + (select count(*) from t);
create aggregate sum_v(int) (sfunc = add_v, stype = bigint, initcond = '0');
create view tv as select sum_v(v) as s from t;
