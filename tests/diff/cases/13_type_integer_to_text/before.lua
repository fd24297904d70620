local t = require "tide.schema"
return t.table "item" {
  t.col "id"  :integer() :primary(),
  t.col "val" :integer(),
  t.col "opt" :integer() :nullable(),
}
