local t = require "tide.schema"
-- Operators and an operator class written as people write them
-- (upper case, PROCEDURE for FUNCTION, int4 for integer, members without
-- their types): the server spells them, so drift stays clean (issue 13:
-- they were reported, not carried). A btree class orders a composite type
-- and a table's index and check use it.
return {
  t.compositeType "point2" [[x int4, y int4]],
  t.func "point2_lt" [[create function point2_lt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x < (b).x $$]],
  t.func "point2_eq" [[create function point2_eq(a point2, b point2) returns boolean language sql immutable as $$ select (a).x = (b).x $$]],
  t.func "point2_gt" [[create function point2_gt(a point2, b point2) returns boolean language sql immutable as $$ select (a).x > (b).x $$]],
  t.func "point2_cmp" [[create function point2_cmp(a point2, b point2) returns int4 language sql immutable as $$ select case when (a).x < (b).x then -1 when (a).x > (b).x then 1 else 0 end $$]],
  t.operator "<<<" [[PROCEDURE = point2_lt, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = >>>]],
  t.operator "===" { comment = "same x", sql = [[PROCEDURE = point2_eq, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = ===]] },
  t.operator ">>>" [[PROCEDURE = point2_gt, LEFTARG = point2, RIGHTARG = point2, COMMUTATOR = <<<]],
  t.operatorClass "point2_ops" [[DEFAULT FOR TYPE point2 USING btree AS
    OPERATOR 1 <<<, OPERATOR 3 ===, OPERATOR 5 >>>, FUNCTION 1 point2_cmp(point2, point2)]],
  t.table "place" {
    t.col "id" :integer() :primary(),
    t.col "at" :type "point2",
    t.index { "at", name = "place_at" },
    t.check("place_at_check", "at === at"),
  },
}
