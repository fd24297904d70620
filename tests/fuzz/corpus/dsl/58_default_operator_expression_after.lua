local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer()   :primary(),
  t.col "name"  :text(),
  t.col "total" :integer()   :default "(1 + 2)",
  t.col "tag"   :varchar(10) :default "('a' || 'b')",
}
