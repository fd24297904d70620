local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer() :primary(),
    t.col "code"  :text(),
    t.col "label" :text() :nullable(),
    t.unique { "code", include = { "label" } },
  },
  t.table "tag" {
    t.col "id"    :integer() :primary(),
    t.col "name"  :text(),
    t.col "color" :text() :nullable(),
    t.col "size"  :integer() :nullable(),
    t.unique { "name", include = { "size", "color" } },
    t.unique { "size", deferrable = true },
  },
}
