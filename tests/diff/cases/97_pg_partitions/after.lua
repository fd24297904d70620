local t = require "tide.schema"
return {
  t.table "reading" :partitionBy "RANGE(taken_on)" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "value"    :double(),
    t.col "unit"     :text() :nullable(),
    t.primary { "sensor", "taken_on" },
    t.index { "value" },
  },
  t.partition "reading_2024" { table = "reading", sql = [[for values from ('2024-01-01') to ('2025-01-01')]],
                               comment = "one year" },
  t.partition "reading_rest" { table = "reading", sql = [[default]] },
}
