local t = require "tide.schema"
-- Views and materialized views of another namespace, over tables of the
-- default one (issue 13: drift said they were dropped and created again).
return {
  t.schema "s",
  t.table "item" {
    t.col "id"    :integer() :primary(),
    t.col "name"  :text(),
    t.col "price" :integer(),
  },
  t.table "tag" {
    t.col "id"    :integer() :primary(),
    t.col "name"  :text(),
    t.col "color" :text()    :nullable(),     -- the change elsewhere
  },
  t.view "s.cheap_item" [[select id, name from item where price < 10]],
  t.view "s.cheap_item_q" [[select i.id, i.name from public.item i where i.price < 10]],
  t.view "s.cheapest" [[select id from s.cheap_item where id < 3]],
  t.materializedView "s.item_count" [[select count(*) as n from item]],
  t.materializedViewIndex "s.item_count_n" [[create index item_count_n on s.item_count (n)]],
}
