local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer()    :primary(),
  t.col "name"  :varchar(100),
  t.col "price" :integer()    :default "0",
}
