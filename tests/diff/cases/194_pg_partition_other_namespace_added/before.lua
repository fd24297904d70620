local t = require "tide.schema"
-- GitLab's layout: the partitioned table in public, its partitions in
-- gitlab_partitions_dynamic; a new one is made there (the namespace with
-- it), its copies of the table's key and indexes too, one of them renamed.
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action", name = "index_events_on_action" },
  },
  t.partition "public.events_2025" { table = "public.events", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
}
