local t = require "tide.schema"
return {
  t.table "time.slot" {
    t.col "id" :integer() :primary(),
    t.col "n"  :integer() :nullable(),
  },
  t.func "time.twice" [[create function "time".twice(x int) returns int language sql as $$ select x * 2 $$]],
  t.view "time.doubled" [[select id, "time".twice(n) as n2, n from "time".slot]],
}
