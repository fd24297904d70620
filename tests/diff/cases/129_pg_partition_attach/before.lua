local t = require "tide.schema"
-- A table of its own becomes a partition of a partitioned table (its rows
-- stay: it was dropped and made again), and back in the down migration
-- (detached, given its own key and index again).
return {
  t.table "reading" :partitionBy "range (taken_on)" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "unit"     :text() :default "'C'",
    t.primary { "sensor", "taken_on" },
    t.index { "unit" },
  },
  t.table "reading_archive" {
    t.col "sensor"   :integer(),
    t.col "taken_on" :date(),
    t.col "unit"     :text() :nullable(),
    t.primary { "sensor", "taken_on" },
    t.index { "taken_on" },
  },
}
