local t = require "tide.schema"
return {
  t.schema "idle",          -- declared, nothing in it
  t.schema "archive",       -- declared, and a table in it
  t.table "archive.entry" {
    t.col "id"   :integer() :primary(),
    t.col "note" :text()    :nullable(),
  },
  t.table "kept.item" {     -- not declared: created with its table
    t.col "id" :integer() :primary(),
  },
  t.table "old.thing" {     -- not declared: dropped with its last table
    t.col "id" :integer() :primary(),
  },
}
