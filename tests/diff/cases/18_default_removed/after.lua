local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :integer()   :primary(),
  t.col "status" :varchar(20),
  t.col "qty"    :integer()   :nullable(),
}
