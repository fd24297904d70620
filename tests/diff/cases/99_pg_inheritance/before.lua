local t = require "tide.schema"
return t.table "vehicle" {
  t.col "id"   :integer() :primary(),
  t.col "make" :text(),
}
