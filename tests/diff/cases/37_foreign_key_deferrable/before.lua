local t = require "tide.schema"
return {
  t.table "node" {
    t.col "id"        :integer() :primary(),
    t.col "parent_id" :integer() :nullable() :references("node", "id"),
    t.col "next_id"   :integer() :nullable(),
    t.col "label"     :text(),
  },
}
