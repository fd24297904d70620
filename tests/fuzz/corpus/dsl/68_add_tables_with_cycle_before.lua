local t = require "tide.schema"
return t.table "anchor" {
  t.col "id" :integer() :primary(),
}
