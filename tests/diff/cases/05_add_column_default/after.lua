local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :serial()      :primary(),
  t.col "name"   :text(),
  t.col "status" :varchar(20)   :nullable() :default "'new'",
  t.col "score"  :integer()     :nullable() :default "0",
}
