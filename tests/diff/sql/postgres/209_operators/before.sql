-- Operators, operator classes and families, casts (issue 13: they were
-- reported by name, not carried): a composite type ordered by its own
-- btree class, whose index comes after it; an operator's estimators are
-- altered in place, a hash class and the index using it are added (and,
-- going back, dropped index first), an overloaded operator, a family
-- given members of its own, a cast used by a default and a view.
create type point2 as (x integer, y integer);
create function point2_lt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x < (b).x $$;
create function point2_le(a point2, b point2) returns boolean language sql immutable as $$ select (a).x <= (b).x $$;
create function point2_eq(a point2, b point2) returns boolean language sql immutable as $$ select (a).x = (b).x $$;
create function point2_ge(a point2, b point2) returns boolean language sql immutable as $$ select (a).x >= (b).x $$;
create function point2_gt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x > (b).x $$;
create function point2_cmp(a point2, b point2) returns integer language sql immutable as $$ select case when (a).x < (b).x then -1 when (a).x > (b).x then 1 else 0 end $$;
create operator <<< (function = point2_lt, leftarg = point2, rightarg = point2, commutator = >>>);
create operator <<= (function = point2_le, leftarg = point2, rightarg = point2);
create operator === (function = point2_eq, leftarg = point2, rightarg = point2, commutator = ===);
create operator >>= (function = point2_ge, leftarg = point2, rightarg = point2);
create operator >>> (function = point2_gt, leftarg = point2, rightarg = point2, commutator = <<<);
comment on operator === (point2, point2) is 'same x';
create operator class point2_ops default for type point2 using btree as
  operator 1 <<<, operator 2 <<=, operator 3 ===, operator 4 >>=, operator 5 >>>, function 1 point2_cmp(point2, point2);
create operator family int_extra using btree;
create function old_cast(integer) returns point2 language sql immutable as $$ select ($1, 0)::point2 $$;
create cast (integer as point2) with function old_cast(integer);
create table place (id integer primary key, at point2 not null check (at === at));
create index place_at on place (at);
