local t = require "tide.schema"
return {
  t.table "events" :partitionBy "range (created_at)" {
    t.col "id"         :bigint(),
    t.col "action"     :text(),
    t.col "created_at" :date(),
    t.primary { "id", "created_at" },
    t.index { "action", name = "index_events_on_action" },
  },
  t.partition "public.events_2025" { table = "public.events", sql = [[for values from ('2025-01-01') to ('2026-01-01')]] },
  t.partition "gitlab_partitions_dynamic.events_2026" { table = "public.events", comment = "made by the partition manager",
                                                        sql = [[for values from ('2026-01-01') to ('2027-01-01')]] },
  t.attachedIndex "gitlab_partitions_dynamic.events_2026_on_action" { table = "events_2026",
                                                                      sql = [[index_events_on_action]] },
  t.trigger "gitlab_partitions_dynamic.events_2026_frozen" { table = "events_2026", sql = [[
    create trigger events_2026_frozen before update on gitlab_partitions_dynamic.events_2026
    for each row execute function suppress_redundant_updates_trigger()]] },
}
