local t = require "tide.schema"
-- A namespace named by a keyword the server quotes ("time"): its function
-- and view, written as people write them, are compared in the server's
-- spelling ("time".twice), so drift stays clean (the scratch namespace's
-- name was put back unquoted: a perpetual diff). Then the view changes.
return {
  t.table "time.slot" {
    t.col "id" :integer() :primary(),
    t.col "n"  :integer() :nullable(),
  },
  t.func "time.twice" [[create function "time".twice(x int) returns int language sql as $$ select x * 2 $$]],
  t.view "time.doubled" [[select id, "time".twice(n) as n2 from "time".slot]],
}
