local t = require "tide.schema"
-- A partition's own row level security (issue 13: reported, not carried):
-- one gains it, one is forced too, one loses it.
return {
  t.table "ev" :partitionBy "range (at)" :rowLevelSecurity() {
    t.col "id"   :integer(),
    t.col "at"   :date(),
    t.col "note" :text() :nullable(),
  },
  t.partition "ev_2024" { table = "ev", sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.partition "ev_2025" { table = "ev", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "ev_2026" { table = "ev", rowLevelSecurity = true, forceRowLevelSecurity = true,
    sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
