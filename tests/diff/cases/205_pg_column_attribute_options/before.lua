local t = require "tide.schema"
-- A column's attribute options (issue 13: reported, not carried): one
-- column gains them, one changes one and loses the other, one loses them.
return {
  t.table "item" {
    t.col "id"   :integer() :primary(),
    t.col "code" :text(),
    t.col "kind" :text() :nullable() :attributeOptions "n_distinct = -0.25, n_distinct_inherited = '40'",
    t.col "note" :text() :nullable() :attributeOptions "N_Distinct=500",
  },
}
