local t = require "tide.schema"
-- Extended statistics written as people write them (lower case, the name
-- not qualified, kinds in another order): the server's spelling is compared,
-- so drift stays clean (issue 13: they were reported, not carried).
return {
  t.table "shipment" {
    t.col "id"     :integer() :primary(),
    t.col "city"   :text(),
    t.col "zip"    :text(),
  },
}
