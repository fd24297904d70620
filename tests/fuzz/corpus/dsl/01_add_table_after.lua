local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"   :serial()     :primary(),
    t.col "name" :varchar(100),
  },
  t.table "book" {
    t.col "id"        :serial()     :primary(),
    t.col "author_id" :integer()    :references("author", "id"),
    t.col "title"     :varchar(200) :default "'untitled'",
    t.col "isbn"      :char(13)     :nullable() :unique(),
    t.col "price"     :numeric(10, 2) :nullable(),
    t.col "in_print"  :boolean()    :default "true",
    t.col "published" :date()       :nullable(),
    t.index { "title" },
    t.check("book_price_positive", "price > 0"),
  },
}
