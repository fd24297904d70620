local t = require "tide.schema"
-- A sequence a column owns without taking it as its default (OWNED BY,
-- made by hand: the legacy numbering an import filled): the ownership is
-- a sequence owner on the table (issue 13: it was reported, not carried).
return {
  t.sequence "ticket_seq" [[start with 100]],
  t.table "ticket" {
    t.col "id"        :integer() :primary(),
    t.col "legacy_no" :bigint()  :nullable(),
  },
}
