local t = require "tide.schema"
return t.table "person" {
  t.col "id"   :serial() :primary(),
  t.col "name" :varchar(50),
  t.col "age"  :integer() :nullable(),
}
