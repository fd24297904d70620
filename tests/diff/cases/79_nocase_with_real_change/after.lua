local t = require "tide.schema"
-- spelled in another case, and one real change (name becomes nullable: a
-- rebuild on SQLite), which keeps the rows, the index and the counter
return {
  t.table "item" {
    t.col "id"   :serial()     :primary(),
    t.col "name" :varchar(20)  :nullable(),
    t.index { "name" },
  },
  t.trigger "item_touch" { table = "item", sql = [[create trigger item_touch after update on Item begin select 1; end]] },
}
