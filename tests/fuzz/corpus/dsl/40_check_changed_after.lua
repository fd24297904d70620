local t = require "tide.schema"
return t.table "item" {
  t.col "id"    :integer() :primary(),
  t.col "price" :numeric(10, 2),
  t.col "qty"   :integer(),
  t.col "code"  :varchar(10),
  t.check("item_price_positive", "price >= 0.01"),
  t.check("item_qty_range", "qty between 0 and 5000"),
  t.check("item_code_format", "code like 'C%' or code in ('none', 'n/a')"),
}
