local t = require "tide.schema"
return t.table "job" {
  t.col "id"   :integer() :primary(),
  t.col "name" :text(),
}
