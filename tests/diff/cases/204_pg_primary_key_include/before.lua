local t = require "tide.schema"
-- A primary key's INCLUDE columns (issue 13: reported, not carried): one
-- key gains them, one changes them, one loses them.
return {
  t.table "item" {
    t.col "id"    :integer() :primary(),
    t.col "code"  :text(),
    t.col "label" :text() :nullable(),
  },
  t.table "tag" {
    t.col "id"    :integer(),
    t.col "name"  :text(),
    t.col "color" :text() :nullable(),
    t.primary { "id", name = "tag_pk", include = { "name" } },
  },
  t.table "box" {
    t.col "id"    :integer(),
    t.col "size"  :integer(),
    t.primary { "id", include = "size" },
  },
}
