local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer()     :primary(),
  t.col "qty"   :integer()     :nullable(),
  t.col "price" :numeric(8, 2) :default "0",
  t.col "label" :varchar(20)   :nullable() :default "'x'",
}
