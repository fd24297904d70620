local t = require "tide.schema"
return t.table "account" {
  t.col "id"    :integer() :primary(),
  t.col "email" :text(),
  t.col "age"   :integer(),
}
