local t = require "tide.schema"
return {
  t.table "note" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text() :nullable(),
  },
  t.rule "note_keep" { table = "note", sql = [[create rule note_keep as on delete to note do instead nothing]] },
}
