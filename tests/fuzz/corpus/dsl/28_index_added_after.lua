local t = require "tide.schema"
return t.table "post" {
  t.col "id"        :integer()    :primary(),
  t.col "author"    :varchar(50),
  t.col "title"     :varchar(200),
  t.col "slug"      :varchar(200),
  t.col "score"     :integer()    :default "0",
  t.col "published" :boolean()    :default "false",
  t.col "created"   :timestamp()  :nullable(),
  t.index { "title" },
  t.index { "slug", unique = true },
  t.index { "author", "created" },
  t.index { "score desc" },
  t.index { "author", "score", desc = { "score" }, name = "post_author_top" },
  t.index { "created", where = "published" , name = "post_published_created" },
  t.index { expression = "lower(title)", name = "post_title_lower" },
}
