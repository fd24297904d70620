local t = require "tide.schema"
return {
  t.extension "citext" [[schema public]],
  t.domain "email_address" [[citext check (value like '%@%')]],
  t.domain "age_years" { sql = [[smallint not null check (value >= 0)]], comment = "in whole years" },
  t.compositeType "postal" [[street text, city text, zip char(5)]],
  t.table "account" {
    t.col "id"      :integer() :primary(),
    t.col "email"   :type "email_address",
    t.col "age"     :type "age_years",
    t.col "address" :type "postal" :nullable(),
  },
}
