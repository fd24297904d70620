local t = require "tide.schema"
return t.table "item" {
  t.col "id"  :integer() :primary(),
  t.col "ref" :bigint(),
}
