local t = require "tide.schema"
return {
  t.table "sale" :partitionBy "range (day)" {
    t.col "id"     :integer(),
    t.col "day"    :date(),
    t.col "region" :text(),
    t.primary { "id", "day", "region" },
    t.index { "region" },
  },
  t.partition "sale_2025" { table = "sale", sql = [[for values from ('2025-01-01') to ('2026-01-01') partition by list(region)]] },
  t.partition "sale_2025_eu" { table = "sale_2025", sql = [[for values in ('eu', 'uk')]] },
  t.partition "sale_2025_us" { table = "sale_2025", sql = [[for values in ('us')]], with = "FillFactor = 70" },
  t.attachedIndex "s25us_region" { table = "sale_2025_us", sql = "sale_2025_region_idx" },
}
