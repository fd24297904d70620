local t = require "tide.schema"
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action", name = "index_events_on_action" },
  },
  t.table "gitlab_partitions_dynamic.events_2025" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action" },
  },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "public.events", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
