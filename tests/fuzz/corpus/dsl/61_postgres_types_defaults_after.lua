local t = require "tide.schema"
return t.table "doc" {
  t.col "id"      :integer()     :primary(),
  t.col "uid"     :uuid()        :default "gen_random_uuid()",
  t.col "meta"    :jsonb()       :default "'{}'",
  t.col "tags"    :array "text"  :default "'{}'",
  t.col "nums"    :array "integer" :nullable(),
  t.col "created" :timestamptz() :default "now()",
  t.col "day"     :date()        :default "current_date",
  t.col "inet"    :type "inet"   :nullable(),
  t.col "score"   :numeric(6, 2) :default "1.50",
}
