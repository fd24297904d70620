local t = require "tide.schema"
return {
  t.table "gen" {
    t.col "id"    :integer() :primary(),
    t.col "twice" :integer() :nullable() :generated("n * 2", { stored = true }),
    t.col "n"     :integer(),
  },
}
