local t = require "tide.schema"
return t.table "person" {
  t.col "id"     :integer() :primary(),
  t.col "first"  :text(),
  t.col "middle" :text()    :nullable(),
  t.col "last"   :text(),
}
