local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer(),
    t.col "code"  :text(),
    t.col "label" :text() :nullable(),
    t.primary { "id", include = { "label", "code" } },
  },
  t.table "tag" {
    t.col "id"    :integer(),
    t.col "name"  :text(),
    t.col "color" :text() :nullable(),
    t.primary { "id", name = "tag_pk", include = { "color" }, deferrable = true },
  },
  t.table "box" {
    t.col "id"    :integer() :primary(),
    t.col "size"  :integer(),
  },
}
