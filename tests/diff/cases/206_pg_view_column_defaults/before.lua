local t = require "tide.schema"
-- A view's column defaults (issue 13: reported, not carried): one view
-- gains one, one changes one and loses another (altered in place), one is
-- made again (the column it reads changes type) and gets its default again.
return {
  t.table "item" {
    t.col "id"     :integer() :primary(),
    t.col "status" :text() :nullable(),
    t.col "qty"    :integer() :nullable(),
  },
  t.table "memo" {
    t.col "id"   :integer() :primary(),
    t.col "note" :varchar(20) :nullable(),
  },
  t.view "item_v" [[select id, status, qty from item]],
  t.view "item_w" { columnDefaults = { status = "'new'", qty = "1" },
    sql = [[select id, status, qty from item]] },
  t.view "memo_v" { columnDefaults = { note = "'n/a'" }, sql = [[select id, note from memo]] },
}
