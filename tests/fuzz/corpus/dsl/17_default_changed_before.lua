local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :integer()   :primary(),
  t.col "status" :varchar(20) :default "'draft'",
  t.col "qty"    :integer()   :nullable() :default "1",
  t.col "flag"   :boolean()   :default "false",
}
