local t = require "tide.schema"
return t.table "score" {
  t.col "id"     :integer()   :primary(),
  t.col "name"   :varchar(20) :nullable(),
  t.col "points" :integer()   :nullable(),
}
