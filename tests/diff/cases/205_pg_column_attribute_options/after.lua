local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"   :integer() :primary(),
    t.col "code" :text() :attributeOptions "n_distinct=100",
    t.col "kind" :text() :nullable() :attributeOptions "n_distinct_inherited=7",
    t.col "note" :text() :nullable(),
    t.col "size" :integer() :nullable() :attributeOptions "n_distinct=-1",
  },
}
