local t = require "tide.schema"
-- A partition's own column defaults (columnDefaults: where they differ
-- from its table's, "null" for none, as a partition made LIKE its table
-- and attached has): the table's default changes (PostgreSQL gives it to
-- every partition; their own are given again), one partition's own
-- changes, one is gone, one is new, a new partition has its own.
return {
  t.table "ev" :partitionBy "range (at)" {
    t.col "id"   :integer(),
    t.col "at"   :date(),
    t.col "kind" :text() :nullable() :default "'x'",
    t.col "n"    :integer() :nullable() :default "0",
  },
  t.partition "ev_2024" { table = "ev", columnDefaults = { kind = "null", n = "null" },
    sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.partition "ev_2025" { table = "ev", columnDefaults = { n = "5" },
    sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "ev_2026" { table = "ev", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
