local t = require "tide.schema"
-- A partition partitioned in turn, written as people write it (lower case,
-- no space before the parenthesis): the server spells it, so drift stays
-- clean (issue 13: its key and partitions were lost on reading). Then a
-- partition of it is added, another's bound changes, and a copy of an
-- index on a partition of a partition takes a name of its own; a partition
-- takes storage parameters.
return {
  t.table "sale" :partitionBy "range (day)" {
    t.col "id"     :integer(),
    t.col "day"    :date(),
    t.col "region" :text(),
    t.primary { "id", "day", "region" },
    t.index { "region" },
  },
  t.partition "sale_2025" { table = "sale", sql = [[for values from ('2025-01-01') to ('2026-01-01') partition by list(region)]] },
  t.partition "sale_2025_eu" { table = "sale_2025", sql = [[for values in ('eu')]] },
}
