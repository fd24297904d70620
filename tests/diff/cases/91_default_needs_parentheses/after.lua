local t = require "tide.schema"
return t.table "job" {
  t.col "id"      :integer()   :primary(),
  t.col "name"    :text(),
  t.col "due"     :timestamp() :default "(now() at time zone 'utc')",
  t.col "retry"   :timestamp() :default "now() + interval '1 day'",
  t.col "active"  :boolean()   :default "not false",
  t.col "flag"    :boolean()   :default "'t'",
  t.col "since"   :date()      :default "date '2020-01-01'",
  t.col "bits"    :type "varbit(8)" :nullable(),
}
