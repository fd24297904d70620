local t = require "tide.schema"
return t.table "grant_rule" {
  t.col "id"         :integer() :primary(),
  t.col "permission" :enum("permission", { "read", "write" }) :nullable(),
}
