local t = require "tide.schema"
return {
  t.rangeType "floatrange" [[SUBTYPE = float8, SUBTYPE_DIFF = float8mi]],
  t.rangeType "dayspan" { comment = "whole days", sql = [[subtype = date, multirange_type_name = day_spans]] },
  t.table "booking" {
    t.col "id"    :integer() :primary(),
    t.col "score" :type "floatrange" :nullable(),
    t.col "days"  :type "dayspan" :nullable(),
  },
}
