local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :integer()   :primary(),
  t.col "status" :varchar(20) :default "'new'",
  t.col "qty"    :integer()   :nullable() :default "10",
  t.col "flag"   :boolean()   :default "true",
}
