local t = require "tide.schema"
return {
  t.table "stamped" {
    t.col "created_at" :timestamp() :nullable() :default "now()",
  },
  t.table "note" :inherits "stamped" {
    t.col "n1" :integer() :nullable(),
    t.col "e"  :integer() :nullable(),
  },
  t.table "dated" :inherits "stamped" {
    t.check("dated_created", "created_at is not null"),
  },
}
