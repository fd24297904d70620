local t = require "tide.schema"
return {
  t.table "reading" :partitionBy "range (taken_on)" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "value"    :double(),
    t.primary { "sensor", "taken_on" },
  },
  t.partition "reading_2024" { table = "reading", sql = [[for values from ('2024-01-01') to ('2024-07-01')]] },
  t.partition "reading_old" { table = "reading", sql = [[for values from ('2000-01-01') to ('2001-01-01')]] },
}
