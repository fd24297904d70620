local t = require "tide.schema"
return {
  t.table "account" {
    t.col "id"   :integer()    :primary(),
    t.col "name" :varchar(20)  :nullable(),
  },
  t.table "entry" {
    t.col "id"   :serial()     :primary(),
    t.col "note" :varchar(20)  :nullable(),
  },
}
