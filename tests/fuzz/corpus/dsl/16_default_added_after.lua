local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :integer()   :primary(),
  t.col "status" :varchar(20) :default "'draft'",
  t.col "qty"    :integer()   :nullable() :default "1",
  t.col "made"   :timestamp() :nullable() :default "current_timestamp",
}
