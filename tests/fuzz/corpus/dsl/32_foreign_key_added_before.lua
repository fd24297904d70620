local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "author_id" :integer() :nullable(),
    t.col "editor_id" :integer() :nullable(),
    t.col "title"     :text(),
  },
}
