local t = require "tide.schema"
-- A range type written as people write it (upper case, float8 for double
-- precision): the server spells it, so drift stays clean (issue 13: range
-- types were reported, not carried); then a second one is added and a
-- column takes it.
return {
  t.rangeType "floatrange" [[SUBTYPE = float8, SUBTYPE_DIFF = float8mi]],
  t.table "booking" {
    t.col "id"    :integer() :primary(),
    t.col "score" :type "floatrange" :nullable(),
  },
}
