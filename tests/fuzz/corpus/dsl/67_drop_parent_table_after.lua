local t = require "tide.schema"
return {
  t.table "book" {
    t.col "id"    :integer() :primary(),
    t.col "title" :text(),
  },
}
