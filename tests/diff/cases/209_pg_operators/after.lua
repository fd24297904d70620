local t = require "tide.schema"
return {
  t.compositeType "point2" [[x int4, y int4]],
  t.func "point2_lt" [[create function point2_lt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x < (b).x $$]],
  t.func "point2_eq" [[create function point2_eq(a point2, b point2) returns boolean language sql immutable as $$ select (a).x = (b).x $$]],
  t.func "point2_gt" [[create function point2_gt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x > (b).x $$]],
  t.func "point2_cmp" [[create function point2_cmp(a point2, b point2) returns int4 language sql immutable as $$ select case when (a).x < (b).x then -1 when (a).x > (b).x then 1 else 0 end $$]],
  t.func "point2_hash" [[create function point2_hash(a point2) returns int4 language sql immutable as $$ select hashint4((a).x) $$]],
  t.func "to_point2" [[create function to_point2(text) returns point2 language sql immutable as $$ select ($1::int4, 0)::point2 $$]],
  t.operator "<<<" [[PROCEDURE = point2_lt, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = >>>]],
  t.operator "===" { comment = "same x", sql = [[PROCEDURE = point2_eq, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = ===, RESTRICT = eqsel, JOIN = eqjoinsel]] },
  t.operator ">>>" [[PROCEDURE = point2_gt, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = <<<]],
  t.operatorClass "point2_ops" [[DEFAULT FOR TYPE point2 USING btree AS
    OPERATOR 1 <<<, OPERATOR 3 ===, OPERATOR 5 >>>, FUNCTION 1 point2_cmp(point2, point2)]],
  t.operatorClass "point2_hash_ops" { comment = "by x", sql = [[FOR TYPE point2 USING hash AS OPERATOR 1 ===, FUNCTION 1 point2_hash(point2)]] },
  t.operatorFamily "int_extra" [[USING btree ADD OPERATOR 1 < (int4, int8), FUNCTION 1 (int4, int8) btint48cmp(int4, int8)]],
  t.cast "text as point2" { comment = "x only", sql = [[WITH FUNCTION to_point2 (text) AS ASSIGNMENT]] },
  t.table "place" {
    t.col "id" :integer() :primary(),
    t.col "at" :type "point2",
    t.col "home" :type "point2" :nullable() :default "('7'::text)::point2",   -- as the server prints a cast through a function
    t.index { "at", name = "place_at" },
    t.index { expression = "at point2_hash_ops", using = "hash", name = "place_at_hash" },
    t.check("place_at_check", "at === at"),
  },
  t.view "near_places" [[select id from place where at <<< '8'::text::point2]],
}
