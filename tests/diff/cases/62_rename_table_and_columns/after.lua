local t = require "tide.schema"
return t.table "member" :renamedFrom "person" {
  t.col "id"        :integer()    :primary(),
  t.col "email"     :varchar(100) :unique() :renamedFrom "mail",
  t.col "full_name" :text()       :nullable() :renamedFrom "name",
  t.index { "full_name", "email" },
}
