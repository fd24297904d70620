local t = require "tide.schema"
return {
  t.table "anchor" {
    t.col "id" :integer() :primary(),
  },
  t.table "team" {
    t.col "id"         :integer() :primary(),
    t.col "captain_id" :integer() :nullable() :references("player", "id", { onDelete = "set null" }),
  },
  t.table "player" {
    t.col "id"      :integer() :primary(),
    t.col "team_id" :integer() :references("team", "id", { onDelete = "cascade" }),
  },
}
