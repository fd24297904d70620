local t = require "tide.schema"
return t.table "score" {
  t.col "id" :integer() :primary(),
  t.col "a"  :integer(),
  t.col "b"  :integer(),
}
