local t = require "tide.schema"
return t.table "ledger" {
  t.col "k"    :integer() :primary(),
  t.col "p_a"  :integer() :identity "always",
  t.col "p_bd" :integer() :identity "by default",
  t.col "p_s"  :serial(),
  t.col "a_bd" :integer() :identity "by default",
  t.col "a_s"  :serial(),
  t.col "bd_s" :serial(),
}
