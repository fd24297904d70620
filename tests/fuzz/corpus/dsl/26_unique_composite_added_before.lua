local t = require "tide.schema"
return t.table "slot" {
  t.col "id"    :integer()   :primary(),
  t.col "room"  :varchar(10),
  t.col "day"   :date(),
  t.col "hour"  :smallint(),
}
