local t = require "tide.schema"
-- Tables without columns (PostgreSQL's CREATE TABLE t (); the DSL refused
-- them): one stays, one gains a column, one loses its last, one is made,
-- one dropped.
return {
  t.table "kept" :comment "nothing in it" {},
  t.table "grow" {},
  t.table "shrink" { t.col "a" :integer() :nullable() },
  t.table "gone" {},
  t.table "item" { t.col "id" :integer() :primary() },
}
