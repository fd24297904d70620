local t = require "tide.schema"
return {
  t.table "docs" :strict() :withoutRowid() {
    t.col "id"    :integer() :primary(),
    t.col "title" :text(),
    t.col "slug"  :text()    :generated "lower(title)",
    t.col "size"  :integer() :nullable() :generated("length(title)", { stored = true }),
  },
  t.view "recent" [[select id, title from docs]],
  t.view "app.titles" :comment "every title" { sql = [==[select ']]' from docs]==], renamedFrom = "names" },
  t.materializedView "counts" { sql = "select count(*) from docs" },
  t.trigger "docs_touch" { table = "docs", sql = [[
create trigger docs_touch after insert on docs begin select 1; end]] },
  t.policy "docs_mine" { table = "docs", sql = [[create policy docs_mine on docs using (true)]] },
  t.func "app.touch" [[create function app.touch() returns trigger as $$ begin return new; end $$ language plpgsql]],
  t.sequence "order_no" [[as bigint start with 10000]],
  t.virtualTable "search" [[fts5(title, body)]],
}
