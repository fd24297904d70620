local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer()      :primary(),
  t.col "qty"   :bigint()       :default "1",
  t.col "price" :numeric(12, 4) :nullable(),
  t.col "label" :text()         :default "'none'",
}
