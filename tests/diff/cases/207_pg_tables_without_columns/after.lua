local t = require "tide.schema"
return {
  t.table "kept" :comment "nothing in it" {},
  t.table "grow" { t.col "b" :text() :nullable() },
  t.table "shrink" {},
  t.table "fresh" {},
  t.table "item" { t.col "id" :integer() :primary() },
}
