local t = require "tide.schema"
return t.table "item" {
  t.col "id"  :integer() :primary(),
  t.col "val" :varchar(200),
  t.col "opt" :varchar(200) :nullable(),
}
