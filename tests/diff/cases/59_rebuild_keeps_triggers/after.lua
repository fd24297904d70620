local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer()   :primary(),
    t.col "name"  :varchar(100) :nullable(),
    t.col "price" :bigint()     :default "0",
    t.check("item_price_nonnegative", "price >= 0"),
  },
  t.table "audit" {
    t.col "id"      :integer() :primary(),
    t.col "item_id" :integer(),
    t.col "what"    :text(),
  },
}
