local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "event" {
    t.col "id"      :bigserial() :primary(),
    t.col "item_id" :integer()   :references("item", "id"),
    t.col "at"      :timestamptz() :default "current_timestamp",
  },
}
