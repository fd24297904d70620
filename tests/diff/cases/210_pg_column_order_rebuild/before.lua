local t = require "tide.schema"
-- columnOrder = "rebuild" (issue 13): "rank" goes between "name" and
-- "note" of a table with an identity key, rows, a serial, a NOT VALID
-- check, a unique constraint and an index with comments, a view reading it,
-- a foreign key from another table and one of its own to itself, a
-- trigger, a policy with row level security, extended statistics, a
-- storage option, CLUSTER ON and a replica identity; down takes it out again
-- (the table is rebuilt back).
return {
  t.func "touch_player" [[
create function touch_player() returns trigger language plpgsql as $$
begin new.note := coalesce(new.note, 'touched'); return new; end $$]],
  t.table "player" :rowLevelSecurity() :clusterOn "player_name_idx" :replicaIdentity "full" :comment "who plays" {
    t.col "id"        :integer() :identity "always" :sequenceComment "player ids",
    t.col "name"      :text()    :storage "external" :statistics(300) :comment "as written",
    t.col "ticket"    :serial(),
    t.col "mentor_id" :integer() :nullable(),
    t.col "note"      :text()    :nullable(),
    t.primary { "id", comment = "the key" },
    t.unique { "ticket", comment = "one each" },
    t.check("player_name_check", "length(name) > 1", { comment = "long enough", notValid = true }),
    t.foreign { "mentor_id", table = "player", columns = { "id" }, name = "player_mentor_fkey" },
    t.index { "name", comment = "by name" },
  },
  t.table "score" {
    t.col "id"        :integer() :primary(),
    t.col "player_id" :integer() :references("player", "id", { onDelete = "cascade" }),
    t.col "points"    :integer(),
  },
  t.view "player_names" [[select id, name from player]],
  t.trigger "player_touch" { table = "player", sql = [[
create trigger player_touch before insert or update on player for each row execute function touch_player()]] },
  t.policy "player_all" { table = "player", sql = [[create policy player_all on player using (true)]] },
  t.statistics "player_stats" { table = "player", sql = [[create statistics player_stats (dependencies) on name, note from player]] },
}
