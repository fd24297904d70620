local t = require "tide.schema"
return t.table "staging.item" {
  t.col "id"    :serial()     :primary(),
  t.col "label" :varchar(100) :unique(),
  t.index { "label" },
}
