local t = require "tide.schema"
-- A partition set in another namespace (ALTER TABLE ... SET SCHEMA): its
-- rows, its copies of the table's indexes (one renamed), its own index and
-- its comment and its own check constraint go with it (its trigger, whose
-- text names the namespace, is made again); no table is dropped.
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action", name = "index_events_on_action" },
  },
  t.partition "gitlab_partitions_dynamic.events_2025" { table = "public.events", comment = "last year",
                                                        sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.attachedIndex "gitlab_partitions_dynamic.events_2025_on_action" { table = "events_2025",
                                                                      sql = [[index_events_on_action]] },
  t.partitionConstraint "gitlab_partitions_dynamic.events_2025_id_positive" { table = "events_2025", sql = [[check (id > 0)]] },
  t.trigger "gitlab_partitions_dynamic.events_2025_touch" { table = "events_2025", sql = [[
    create trigger events_2025_touch before update on gitlab_partitions_dynamic.events_2025
    for each row execute function suppress_redundant_updates_trigger()]] },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "public.events", sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
}
