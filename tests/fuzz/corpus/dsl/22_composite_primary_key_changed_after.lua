local t = require "tide.schema"
return t.table "stock" {
  t.col "shop"  :varchar(10),
  t.col "sku"   :varchar(10),
  t.col "day"   :date(),
  t.col "qty"   :integer(),
  t.primary { "sku", "shop", "day" },
}
