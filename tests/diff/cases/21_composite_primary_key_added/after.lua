local t = require "tide.schema"
return t.table "membership" {
  t.col "user_id"  :integer(),
  t.col "group_id" :integer(),
  t.col "role"     :varchar(20) :default "'member'",
  t.primary { "user_id", "group_id" },
}
