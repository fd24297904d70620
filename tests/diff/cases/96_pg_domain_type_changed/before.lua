local t = require "tide.schema"
return {
  t.domain "qty" [[integer check (value > 0)]],
  t.domain "label" [[varchar(30) default 'none']],
  t.compositeType "dims" [[w integer, h integer]],
  t.table "box" {
    t.col "id"    :integer() :primary(),
    t.col "n"     :type "qty",
    t.col "tag"   :type "label",
    t.col "size"  :type "dims" :nullable(),
  },
}
