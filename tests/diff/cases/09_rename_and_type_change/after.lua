local t = require "tide.schema"
return t.table "person" {
  t.col "id"        :serial()     :primary(),
  t.col "full_name" :varchar(200) :renamedFrom "name",
  t.col "years"     :bigint()     :nullable() :renamedFrom "age",
}
