local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :integer()   :primary(),
    t.col "name" :varchar(50),
  },
  t.table "book" {
    t.col "id"        :integer() :primary(),
    t.col "author_id" :integer() :references("author", "id", { onDelete = "cascade" }),
    t.col "title"     :text(),
  },
  t.table "review" {
    t.col "id"      :integer() :primary(),
    t.col "book_id" :integer() :nullable() :references("book", "id", { onDelete = "set null" }),
    t.col "stars"   :smallint(),
  },
}
