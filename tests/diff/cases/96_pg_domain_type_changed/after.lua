local t = require "tide.schema"
return {
  t.domain "qty" [[integer not null default 1 check (value > 0) constraint qty_max check (value <= 1000)]],
  t.domain "label" [[varchar(30)]],
  t.compositeType "dims" [[w integer, h integer, d integer]],
  t.table "box" {
    t.col "id"    :integer() :primary(),
    t.col "n"     :type "qty",
    t.col "tag"   :type "label",
    t.col "size"  :type "dims" :nullable(),
  },
}
