local t = require "tide.schema"
return t.table "item" {
  t.col "id"   :integer() :primary(),
  t.col "qty"  :text()    :default "'5'",
  t.col "flag" :integer() :default "0",
}
