local t = require "tide.schema"
return t.table "item" {
  t.col "id"   :integer() :primary(),
  t.col "name" :text()    :nullable(),
  t.col "qty"  :integer() :nullable() :default "0",
}
