local t = require "tide.schema"
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
  t.partition "reading_2025" { table = "reading", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.attachedIndex "r24_key" { table = "reading_2024", sql = "reading_pkey", comment = "the 2024 key" },
  t.attachedIndex "r24_unit" { table = "reading_2024", sql = "reading_unit_idx" },
  t.attachedIndex "r25_unit" { table = "reading_2025", sql = "reading_unit_idx" },
}
