local t = require "tide.schema"
return {
  t.table "visit" :partitionBy "list (zone)" {
    t.col "id" :integer(),
    t.col "zone" :text(),
    t.primary { "id", "zone" },
  },
  t.partition "visit_all" { table = "visit", sql = [[default]] },
}
