local t = require "tide.schema"
return {
  t.table "ev" :partitionBy "range (at)" {
    t.col "id"   :integer(),
    t.col "at"   :date(),
    t.col "kind" :text() :nullable() :default "'x'",
    t.col "n"    :integer() :nullable() :default "1",
  },
  t.partition "ev_2024" { table = "ev", columnDefaults = { n = "null" },
    sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.partition "ev_2025" { table = "ev", columnDefaults = { n = "6" },
    sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "ev_2026" { table = "ev", columnDefaults = { kind = "'y'" },
    sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
  t.partition "ev_2027" { table = "ev", columnDefaults = { n = "null" },
    sql = [[for values from ('2027-01-01') to ('2028-01-01')]] },
}
