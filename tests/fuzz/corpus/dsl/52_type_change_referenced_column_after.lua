local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :bigint() :primary(),
    t.col "name" :text(),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "author_id" :bigint()  :references("author", "id", { onDelete = "cascade" }),
    t.col "title"     :text(),
  },
}
