local t = require "tide.schema"
return t.table "post" {
  t.col "id"     :integer()   :primary(),
  t.col "author" :varchar(50),
  t.col "title"  :varchar(200),
  t.col "score"  :integer()   :default "0",
  t.index { "author", name = "post_lookup" },
  t.index { "title", name = "post_title", where = "score > 0" },
  t.index { expression = "lower(author)", name = "post_author_lower" },
}
