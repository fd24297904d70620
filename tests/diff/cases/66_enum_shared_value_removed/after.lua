local t = require "tide.schema"
local levels = { "low", "mid", "high" }
return {
  t.table "task" {
    t.col "id"   :integer() :primary(),
    t.col "prio" :enum("level", levels) :default "'mid'",
    t.index { "prio" },
  },
  t.table "alert" {
    t.col "id"    :integer() :primary(),
    t.col "level" :enum("level", levels) :nullable(),
  },
}
