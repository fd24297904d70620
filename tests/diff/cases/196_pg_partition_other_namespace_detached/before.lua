local t = require "tide.schema"
-- A partition in another namespace than its table's becomes a table of its
-- own there (detached: its rows stay, it gets its own key and index), and
-- is attached again by the down migration.
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action", name = "index_events_on_action" },
  },
  t.partition "gitlab_partitions_dynamic.events_2025" { table = "public.events", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "public.events", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
