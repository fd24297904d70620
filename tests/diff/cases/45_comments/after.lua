local t = require "tide.schema"
return {
  t.table "person" :comment "people we know, and some we don't" {
    t.col "id"    :integer() :primary() :comment "surrogate key",
    t.col "name"  :text()    :comment "the full name, as written",
    t.col "email" :text()    :nullable(),
    t.col "phone" :text()    :nullable() :comment "with country code; it's E.164",
  },
  t.table "plain" :comment "now commented" {
    t.col "id" :integer() :primary(),
  },
}
