local t = require "tide.schema"
return t.table "event" {
  t.col "id"   :integer()     :primary(),
  t.col "kind" :varchar(20),
  t.col "at"   :timestamptz(),
  t.index { "kind", using = "hash" },
  t.index { "at", using = "brin", name = "event_at_brin" },
  t.index { "kind", "at", using = "btree", name = "event_kind_at" },
}
