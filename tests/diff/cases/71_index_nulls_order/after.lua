local t = require "tide.schema"
return t.table "score" {
  t.col "id"     :integer()   :primary(),
  t.col "name"   :varchar(20) :nullable(),
  t.col "points" :integer()   :nullable(),
  t.index { "points desc nulls last", "name" },
  t.index { "name nulls first", name = "score_name_nf" },
}
