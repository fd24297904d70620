local t = require "tide.schema"
local fn = t.func "stamp" [[
create function stamp() returns trigger language plpgsql as $$
begin new.n := coalesce(new.n, 0) + 1; return new; end $$]]
return {
  fn,
  t.table "item" {
    t.col "id" :integer() :primary(),
    t.col "n"  :integer() :nullable(),
  },
  t.trigger "item_stamp" { table = "item", enabled = "always",
    sql = [[create trigger item_stamp before update on item for each row execute function stamp()]] },
}
