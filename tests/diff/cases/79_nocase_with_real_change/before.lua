local t = require "tide.schema"
return t.table "Item" {
  t.col "ID"   :serial()     :primary(),
  t.col "Name" :varchar(20),
  t.index { "Name" },
}
