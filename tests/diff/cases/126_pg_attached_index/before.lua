local t = require "tide.schema"
-- A partition's copies of its table's key and indexes bear names of their
-- own (issue 13, item 5: they were made under PostgreSQL's names and no
-- diff saw it); one goes back to PostgreSQL's name, one keeps a comment.
return {
  t.table "reading" :partitionBy "range (taken_on)" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "unit"     :text() :nullable(),
    t.primary { "sensor", "taken_on" },
    t.index { "unit" },
    t.index { expression = "lower(unit)", name = "reading_unit_lower_idx" },
  },
  t.partition "reading_2024" { table = "reading", sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.attachedIndex "r24_lower" { table = "reading_2024", sql = "reading_unit_lower_idx" },
}
