local t = require "tide.schema"
return t.table "item" {
  t.col "id"  :integer() :primary(),
  t.col "val" :varchar(50),
  t.col "opt" :varchar(50) :nullable(),
}
