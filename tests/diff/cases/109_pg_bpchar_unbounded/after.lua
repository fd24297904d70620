local t = require "tide.schema"
-- bpchar without a length is unbounded blank-padded text, not char(1)
return t.table "tags" {
  t.col "id"    :integer() :primary(),
  t.col "name"  :text(),
  t.col "color" :type "bpchar" :nullable() :default "'#cccccc'",
  t.col "code"  :type "bpchar(3)" :nullable(),
}
