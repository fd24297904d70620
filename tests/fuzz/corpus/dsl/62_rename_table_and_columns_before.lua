local t = require "tide.schema"
return t.table "person" {
  t.col "id"    :integer()   :primary(),
  t.col "mail"  :varchar(50) :unique(),
  t.col "name"  :text()      :nullable(),
  t.index { "name", "mail" },
}
