local t = require "tide.schema"
-- columnOrder = "rebuild" (issue 13) where a rebuild is not done: a
-- partitioned table (its partitions hold the rows) takes its new column
-- last, as with "append", and the migration says why by name; the plain
-- table beside it is rebuilt.
return {
  t.table "event" :partitionBy "range (at)" {
    t.col "id"   :integer(),
    t.col "at"   :date(),
    t.col "body" :text() :nullable(),
  },
  t.partition "event_2025" { table = "event", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.table "tag" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
}
