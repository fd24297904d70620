local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer() :primary(),
  t.col "price" :numeric(10, 2),
  t.col "qty"   :integer(),
  t.col "code"  :varchar(10),
}
