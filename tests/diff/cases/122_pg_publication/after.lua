local t = require "tide.schema"
return {
  t.table "account" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text() :nullable(),
  },
  t.table "invoice" {
    t.col "id"     :integer() :primary(),
    t.col "amount" :integer() :nullable(),
  },
  t.publication "feed" { comment = "what the warehouse reads",
    sql = [[for table invoice, account (email, id) where (id > 0) with (publish_via_partition_root = on)]] },
}
