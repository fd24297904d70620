local t = require "tide.schema"
return {
  t.table "node" {
    t.col "id"        :integer() :primary(),
    t.col "parent_id" :integer() :nullable() :references("node", "id", { deferrable = true }),
    t.col "next_id"   :integer() :nullable() :references("node", "id", { initiallyDeferred = true, onDelete = "set null" }),
    t.col "label"     :text(),
  },
}
