local t = require "tide.schema"
return t.table "tags" {
  t.col "id"   :integer() :primary(),
  t.col "name" :text(),
}
