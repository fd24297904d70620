local t = require "tide.schema"
return {
  t.table "org" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "member" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
}
