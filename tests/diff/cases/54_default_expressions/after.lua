local t = require "tide.schema"
return t.table "item" {
  t.col "id"      :integer()        :primary(),
  t.col "name"    :text(),
  t.col "made"    :timestamp()      :default "current_timestamp",
  t.col "delta"   :integer()        :default "-1",
  t.col "ratio"   :numeric(6, 3)    :default "0.5",
  t.col "quote"   :varchar(20)      :default "'it''s'",
  t.col "day"     :date()           :nullable() :default "'2024-01-01'",
  t.col "big"     :bigint()         :default "9000000000",
  t.col "flt"     :double()         :default "1.5",
  t.col "empty"   :text()           :default "''",
}
