local t = require "tide.schema"
return {
  t.table "vehicle" {
    t.col "id"   :integer() :primary(),
    t.col "make" :text(),
    t.col "year" :integer() :nullable(),
  },
  t.table "truck" :inherits "vehicle" {
    t.col "load_kg" :integer() :default "0",
    t.primary { "id" },
    t.index { "make" },
  },
}
