local t = require "tide.schema"
return t.table "doc" {
  t.col "id" :integer() :primary(),
}
