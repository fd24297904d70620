local t = require "tide.schema"
return t.table "account" {
  t.col "id"    :integer()    :primary(),
  t.col "email" :varchar(100),
  t.col "login" :varchar(30)  :nullable(),
}
