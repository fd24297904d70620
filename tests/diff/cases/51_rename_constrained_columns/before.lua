local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"    :integer()   :primary(),
    t.col "code"  :varchar(10) :unique(),
    t.col "name"  :text(),
    t.index { "name" },
    t.check("author_code_len", "length(code) > 1"),
  },
  t.table "book" {
    t.col "id"          :integer()   :primary(),
    t.col "author_code" :varchar(10) :references("author", "code"),
    t.col "title"       :text(),
  },
}
