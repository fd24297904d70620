local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :serial() :primary(),
  t.col "name"  :text(),
  t.col "note"  :text()   :nullable(),
  t.col "qty"   :integer() :nullable(),
  t.col "at"    :timestamp() :nullable(),
}
