local t = require "tide.schema"
return t.table "Users" {
  t.col "id"   :integer() :primary(),
  t.col "name" :text(),
}
