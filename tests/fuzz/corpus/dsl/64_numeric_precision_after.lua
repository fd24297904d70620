local t = require "tide.schema"
return t.table "account" {
  t.col "id"      :integer()      :primary(),
  t.col "balance" :numeric(14, 4),
  t.col "units"   :numeric(12),
}
