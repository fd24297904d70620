local t = require "tide.schema"
return t.table "item" {
  t.col "id"      :serial()     :primary(),
  t.col "name"    :text(),
  t.col "active"  :boolean()    :default "true",
  t.col "kind"    :varchar(10)  :default "'plain'",
  t.col "version" :bigint()     :default "1",
}
