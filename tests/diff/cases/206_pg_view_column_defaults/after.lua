local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"     :integer() :primary(),
    t.col "status" :text() :nullable(),
    t.col "qty"    :integer() :nullable(),
  },
  t.table "memo" {
    t.col "id"   :integer() :primary(),
    t.col "note" :varchar(40) :nullable(),
  },
  t.view "item_v" { columnDefaults = { qty = "0" }, sql = [[select id, status, qty from item]] },
  t.view "item_w" { columnDefaults = { status = "'open'" }, sql = [[select id, status, qty from item]] },
  t.view "memo_v" { columnDefaults = { note = "'n/a'" }, sql = [[select id, note from memo]] },
}
