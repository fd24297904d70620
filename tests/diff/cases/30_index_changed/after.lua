local t = require "tide.schema"
return t.table "post" {
  t.col "id"     :integer()   :primary(),
  t.col "author" :varchar(50),
  t.col "title"  :varchar(200),
  t.col "score"  :integer()   :default "0",
  t.index { "author", "title", name = "post_lookup", unique = true },
  t.index { "title", name = "post_title", where = "score > 10" },
  t.index { expression = "lower(title)", name = "post_author_lower" },
}
