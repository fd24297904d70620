local t = require "tide.schema"
return t.table "score" {
  t.col "id"     :integer()   :primary(),
  t.col "name"   :varchar(20) :nullable(),
  t.col "points" :integer()   :nullable(),
  t.index { "points desc", "name" },
  t.index { "name desc", name = "score_name_desc" },
  t.index { "name asc", "points desc", unique = true, where = "points is not null", name = "score_ranked" },
}
