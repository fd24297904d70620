local t = require "tide.schema"
return {
  t.table "Item" {
    t.col "ID"   :serial()     :primary(),
    t.col "Name" :varchar(20),
    t.index { "Name" },
  },
  t.trigger "item_touch" { table = "Item", sql = [[create trigger item_touch after update on Item begin select 1; end]] },
}
