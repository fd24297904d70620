local t = require "tide.schema"
-- Views and a materialized view of the default namespace over tables and
-- views of another one (issue 13: drift said they were dropped and created
-- again).
return {
  t.table "s.thing" {
    t.col "id"    :integer() :primary(),
    t.col "price" :integer(),
  },
  t.view "s.dear_thing" [[select id, price from s.thing where price > 10]],
  t.table "note" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text(),
  },
  t.view "thing_price" [[select id, price from s.thing where price > 3]],
  t.view "dear_count" [[select count(*) as n from s.dear_thing]],
  t.view "thing_note" [[select t.id, n.body from s.thing t join public.note n on n.id = t.id]],
  t.materializedView "thing_total" [[select sum(price) as total from s.thing]],
  t.materializedViewIndex "thing_total_t" [[create index thing_total_t on public.thing_total (total)]],
  t.view "total_again" [[select total from "public"."thing_total"]],
}
