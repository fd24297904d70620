local t = require "tide.schema"
-- columnOrder = "rebuild" (issue 13): the kept columns of "s.Account" (in
-- a namespace of its own, with a quoted mixed-case name) change order and
-- one changes type in the same plan; a materialized view reads it, a table
-- of its namespace points at it, a unique key
-- names two columns. Down puts them back, rebuilt again.
return {
  t.schema "s",
  t.table "s.Account" {
    t.col "id"      :bigint()  :identity "by default" :primary(),
    t.col "email"   :text(),
    t.col "balance" :integer() :default "0",
    t.col "Region"  :varchar(10) :nullable(),
    t.unique { "email", "Region" },
    t.index { "balance", where = "balance > 0" },
  },
  t.table "s.payment" {
    t.col "id"         :serial()  :primary(),
    t.col "account_id" :bigint()  :references("s.Account", "id"),
    t.col "amount"     :integer(),
  },
  t.materializedView "s.rich" [[select id, balance from s."Account" where balance > 100]],
}
