local t = require "tide.schema"
return t.table "person" {
  t.col "id"   :serial() :primary(),
  t.col "name" :varchar(100),
  t.col "mail" :varchar(100) :nullable(),
}
