local t = require "tide.schema"
-- e moves from the parent to a child (down moves it back); a child with
-- no column of its own, only constraints
return {
  t.table "stamped" {
    t.col "created_at" :timestamp() :nullable() :default "now()",
    t.col "e"          :integer()   :nullable(),
  },
  t.table "note" :inherits "stamped" {
    t.col "n1" :integer() :nullable(),
    t.col "n2" :integer() :nullable(),
  },
}
