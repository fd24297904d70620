local t = require "tide.schema"
return t.table "event" {
  t.col "id"   :integer()     :primary(),
  t.col "kind" :varchar(20),
  t.col "at"   :timestamptz(),
}
