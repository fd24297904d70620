create type point2 as (x integer, y integer);
create function point2_lt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x < (b).x $$;
create function point2_le(a point2, b point2) returns boolean language sql immutable as $$ select (a).x <= (b).x $$;
create function point2_eq(a point2, b point2) returns boolean language sql immutable as $$ select (a).x = (b).x $$;
create function point2_ge(a point2, b point2) returns boolean language sql immutable as $$ select (a).x >= (b).x $$;
create function point2_gt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x > (b).x $$;
create function point2_cmp(a point2, b point2) returns integer language sql immutable as $$ select case when (a).x < (b).x then -1 when (a).x > (b).x then 1 else 0 end $$;
create function point2_hash(a point2) returns integer language sql immutable as $$ select hashint4((a).x) $$;
create function int_near(a integer, b integer) returns boolean language sql immutable as $$ select abs(a - b) < 2 $$;
create function point2_near(a point2, b point2) returns boolean language sql immutable as $$ select abs((a).x - (b).x) < 2 $$;
create operator <<< (function = point2_lt, leftarg = point2, rightarg = point2, commutator = >>>);
create operator <<= (function = point2_le, leftarg = point2, rightarg = point2);
create operator === (function = point2_eq, leftarg = point2, rightarg = point2, commutator = ===,
  restrict = eqsel, join = eqjoinsel);
create operator >>= (function = point2_ge, leftarg = point2, rightarg = point2);
create operator >>> (function = point2_gt, leftarg = point2, rightarg = point2, commutator = <<<);
create operator ~~~ (function = int_near, leftarg = integer, rightarg = integer);
create operator ~~~ (function = point2_near, leftarg = point2, rightarg = point2);
comment on operator === (point2, point2) is 'same x';
create operator class point2_ops default for type point2 using btree as
  operator 1 <<<, operator 2 <<=, operator 3 ===, operator 4 >>=, operator 5 >>>, function 1 point2_cmp(point2, point2);
create operator class point2_hash_ops for type point2 using hash as operator 1 ===, function 1 point2_hash(point2);
comment on operator class point2_hash_ops using hash is 'by x';
create operator family int_extra using btree;
alter operator family int_extra using btree add operator 1 < (integer, bigint), function 1 (integer, bigint) btint48cmp(integer, bigint);
create function text_to_point2(text) returns point2 language sql immutable as $$ select ($1::integer, 0)::point2 $$;
create cast (text as point2) with function text_to_point2(text) as assignment;
comment on cast (text as point2) is 'x only';
create table place (id integer primary key, at point2 not null check (at === at),
  home point2 default '7'::text::point2);
create index place_at on place (at);
create index place_at_hash on place using hash (at point2_hash_ops);
create view near_places as select id from place where at ~~~ '8'::text::point2 and id ~~~ 1;
