local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer()   :primary(),
    t.col "name"  :varchar(20),
    t.col "price" :integer(),
  },
  t.table "audit" {
    t.col "id"      :integer() :primary(),
    t.col "item_id" :integer(),
    t.col "what"    :text(),
  },
}
