local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "author_id" :integer() :nullable() :references("author", "id", { onDelete = "cascade", onUpdate = "cascade" }),
    t.col "editor_id" :integer() :nullable() :references("author", "id", { onDelete = "set null", onUpdate = "restrict" }),
    t.col "title"     :text(),
  },
}
