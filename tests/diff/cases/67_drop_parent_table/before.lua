local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "title"     :text(),
    t.col "author_id" :integer() :nullable() :references("author", "id", { onDelete = "set null" }),
    t.index { "author_id" },
  },
}
