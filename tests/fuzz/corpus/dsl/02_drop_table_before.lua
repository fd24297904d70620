local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :serial()     :primary(),
    t.col "name" :varchar(100),
  },
  t.table "book" {
    t.col "id"        :serial()     :primary(),
    t.col "author_id" :integer()    :references("author", "id", { onDelete = "cascade" }),
    t.col "title"     :varchar(200),
    t.index { "title" },
  },
  t.table "scratch" {
    t.col "k" :text() :primary(),
    t.col "v" :text() :nullable(),
  },
}
