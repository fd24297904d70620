local t = require "tide.schema"
return t.table "person" {
  t.col "id"    :serial()     :primary(),
  t.col "email" :varchar(100) :unique(),
  t.col "name"  :text()       :nullable(),
  t.index { "name" },
}
