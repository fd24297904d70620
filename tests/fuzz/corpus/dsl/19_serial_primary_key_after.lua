local t = require "tide.schema"
return t.table "item" {
  t.col "id"   :serial() :primary(),
  t.col "name" :text(),
}
