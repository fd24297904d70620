local t = require "tide.schema"
-- A trigger's state: one made disabled, then to fire always (also in
-- sessions replaying a replica); the state alone changes, the trigger stays
-- (issue 13: it was reported, not carried).
local fn = t.func "stamp" [[
create function stamp() returns trigger language plpgsql as $$
begin new.n := coalesce(new.n, 0) + 1; return new; end $$]]
return {
  fn,
  t.table "item" {
    t.col "id" :integer() :primary(),
    t.col "n"  :integer() :nullable(),
  },
  t.trigger "item_stamp" { table = "item", enabled = false,
    sql = [[create trigger item_stamp before update on item for each row execute function stamp()]] },
}
