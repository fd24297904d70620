local t = require "tide.schema"
return t.table "archive.item" :renamedFrom "staging.item" {
  t.col "id"    :serial()     :primary(),
  t.col "label" :varchar(100) :unique(),
  t.index { "label" },
}
