local t = require "tide.schema"
return t.table "person" {
  t.col "id"        :serial()     :primary(),
  t.col "full_name" :varchar(100) :renamedFrom "name",
  t.col "email"     :varchar(100) :nullable() :renamedFrom "mail",
}
