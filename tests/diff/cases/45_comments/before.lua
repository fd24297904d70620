local t = require "tide.schema"
return {
  t.table "person" :comment "people we know" {
    t.col "id"    :integer() :primary(),
    t.col "name"  :text()    :comment "the full name",
    t.col "email" :text()    :nullable() :comment "primary address",
    t.col "phone" :text()    :nullable(),
  },
  t.table "plain" {
    t.col "id" :integer() :primary(),
  },
}
