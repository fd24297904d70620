local t = require "tide.schema"
-- A publication written as people write it (upper case, its tables and
-- columns in any order, options spelled their way): put in one spelling,
-- so drift stays clean and nothing more is generated (issue 13: it was
-- reported, not carried).
return {
  t.table "account" {
    t.col "id"    :integer() :primary(),
    t.col "email" :text() :nullable(),
  },
  t.table "invoice" {
    t.col "id"     :integer() :primary(),
    t.col "amount" :integer() :nullable(),
  },
  t.publication "feed" [[FOR TABLE Invoice, TABLE account (email, id) WITH (PUBLISH = 'update,insert')]],
}
