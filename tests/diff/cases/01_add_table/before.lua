local t = require "tide.schema"
return t.table "author" {
  t.col "id"   :serial()     :primary(),
  t.col "name" :varchar(100),
}
