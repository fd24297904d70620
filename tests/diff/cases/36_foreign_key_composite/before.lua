local t = require "tide.schema"
return {
  t.table "product" {
    t.col "shop" :varchar(10),
    t.col "sku"  :varchar(10),
    t.col "name" :text(),
    t.primary { "shop", "sku" },
  },
  t.table "line" {
    t.col "id"   :integer() :primary(),
    t.col "shop" :varchar(10),
    t.col "sku"  :varchar(10),
    t.col "qty"  :integer(),
  },
}
