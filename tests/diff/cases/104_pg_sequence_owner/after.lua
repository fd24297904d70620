local t = require "tide.schema"
return {
  t.sequence "ticket_seq" [[start with 100]],
  t.table "ticket" {
    t.col "id"        :integer() :primary(),
    t.col "legacy_no" :bigint()  :nullable(),
  },
  t.sequenceOwner "ticket_seq" { table = "ticket", sql = "legacy_no" },
}
