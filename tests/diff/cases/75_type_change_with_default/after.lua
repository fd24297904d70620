local t = require "tide.schema"
return t.table "item" {
  t.col "id"   :integer() :primary(),
  t.col "qty"  :integer() :default "5",
  t.col "flag" :text()    :default "'0'",
}
