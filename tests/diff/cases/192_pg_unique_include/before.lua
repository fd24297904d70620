local t = require "tide.schema"
-- A unique constraint's INCLUDE columns (issue 13: reported, not carried):
-- one gains them, one changes them, one loses them.
return {
  t.table "item" {
    t.col "id"    :integer() :primary(),
    t.col "code"  :text(),
    t.col "label" :text() :nullable(),
    t.unique { "code" },
  },
  t.table "tag" {
    t.col "id"    :integer() :primary(),
    t.col "name"  :text(),
    t.col "color" :text() :nullable(),
    t.col "size"  :integer() :nullable(),
    t.unique { "name", include = { "color" } },
    t.unique { "size", include = "name", deferrable = true },
  },
}
