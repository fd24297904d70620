local t = require "tide.schema"
-- each move between a plain column with a default, identity always,
-- identity by default and serial (down takes each back)
return t.table "ledger" {
  t.col "k"    :integer() :primary(),
  t.col "p_a"  :integer() :nullable() :default "77",
  t.col "p_bd" :integer() :default "5",
  t.col "p_s"  :integer() :nullable() :default "9",
  t.col "a_bd" :integer() :identity "always",
  t.col "a_s"  :integer() :identity "always",
  t.col "bd_s" :integer() :identity "by default",
}
