local t = require "tide.schema"
-- A case-insensitive ICU collation, written as people write it (any order,
-- any case, quoted or not): the options are compared in one form, so drift
-- stays clean; the column takes it once it exists (issue 13: collations
-- were reported, not carried).
return {
  t.table "account" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text(),
  },
}
