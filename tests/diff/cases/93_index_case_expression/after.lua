local t = require "tide.schema"
return t.table "score" {
  t.col "id" :integer() :primary(),
  t.col "a"  :integer(),
  t.col "b"  :integer(),
  t.index { expression = "(case when a > 1 then b end)", name = "score_case_idx" },
  t.index { expression = "a + b", name = "score_sum_idx" },
}
