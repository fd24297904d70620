local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "author_id" :integer() :nullable() :references("author", "id"),
    t.col "editor_id" :integer() :nullable(),
    t.col "title"     :text(),
    t.foreign { "editor_id", table = "author", columns = { "id" }, name = "book_editor_fk" },
  },
}
