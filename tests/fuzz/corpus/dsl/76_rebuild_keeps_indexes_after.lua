local t = require "tide.schema"
return t.table "post" {
  t.col "id"        :integer()    :primary(),
  t.col "author"    :varchar(50),
  t.col "title"     :varchar(300),
  t.col "score"     :bigint()     :default "0",
  t.col "published" :boolean()    :default "false",
  t.index { "title" },
  t.index { "author", "score desc" },
  t.index { "title", unique = true, where = "published", name = "post_published_title" },
  t.index { expression = "lower(title)", name = "post_title_lower" },
  t.unique { "author", "title" },
}
