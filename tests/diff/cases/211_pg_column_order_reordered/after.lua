local t = require "tide.schema"
return {
  t.schema "s",
  t.table "s.Account" {
    t.col "id"      :bigint()  :identity "by default" :primary(),
    t.col "Region"  :varchar(20) :nullable(),
    t.col "balance" :integer() :default "0",
    t.col "email"   :text(),
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
