local t = require "tide.schema"
return {
  t.table "reading" :partitionBy "range (taken_on)" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "unit"     :text() :default "'C'",
    t.primary { "sensor", "taken_on" },
    t.index { "unit" },
  },
  t.partition "reading_archive" { table = "reading", sql = [[for values from ('2000-01-01') to ('2024-01-01')]],
                                  comment = "the years before" },
}
