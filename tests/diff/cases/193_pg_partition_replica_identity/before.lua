local t = require "tide.schema"
-- A partition's REPLICA IDENTITY (issue 13: reported, not carried), written
-- as people write it (any case): one gains it, one changes it, one goes back
-- to the default, a new one is made with it; its rows stay.
return {
  t.table "ev" :partitionBy "range (at)" {
    t.col "id" :integer(),
    t.col "at" :date(),
    t.primary { "id", "at" },
  },
  t.partition "ev_2024" { table = "ev", sql = [[for values from ('2024-01-01') to ('2025-01-01')]] },
  t.partition "ev_2025" { table = "ev", replicaIdentity = "Nothing", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "ev_2026" { table = "ev", replicaIdentity = " FULL ", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
