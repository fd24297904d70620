local t = require "tide.schema"
return t.table "item" {
  t.col "id"     :serial()  :primary(),
  t.col "name"   :text(),
  t.col "legacy" :integer() :nullable(),
  t.col "code"   :varchar(10) :default "'x'",
  t.index { "code" },
}
