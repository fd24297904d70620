local t = require "tide.schema"
return {
  t.collation "ci" { sql = [[locale = "und-u-ks-level2", PROVIDER = ICU, deterministic = false]],
                     comment = "case-insensitive" },
  t.table "account" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text() :collate "ci",
  },
}
