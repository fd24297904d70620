local t = require "tide.schema"
return {
  t.table "book" {
    t.col "id"    :integer() :primary(),
    t.col "isbn"  :text()    :default '"isbn"',
    t.col "title" :text()    :default '""',
    t.col "note"  :text()    :default [["it's"]],
    t.check("title_short", "length(title) < 100"),
  },
}
