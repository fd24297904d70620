local t = require "tide.schema"
return {
  t.schema "staging",
  t.table "kept.item" {
    t.col "id" :integer() :primary(),
  },
}
