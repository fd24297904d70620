local t = require "tide.schema"
return t.table "doc" {
  t.col "id"   :integer() :primary(),
  t.col "body" :jsonb(),
  t.col "tags" :array "text",
  t.index { "body", using = "gin" },
  t.index { "tags", using = "gin", name = "doc_tags_gin" },
  t.index { expression = "to_tsvector('simple', body->>'title')", using = "gin", name = "doc_title_fts" },
}
