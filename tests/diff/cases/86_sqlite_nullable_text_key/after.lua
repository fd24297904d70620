local t = require "tide.schema"
return {
  t.table "preference" {
    t.col "name"  :text() :primary() :nullable(),
    t.col "value" :text() :nullable(),
  },
}
