local t = require "tide.schema"
return {
  t.table "org" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "member" {
    t.col "id"     :integer()   :primary(),
    t.col "name"   :text(),
    t.col "org_id" :integer()   :nullable() :references("org", "id", { onDelete = "set null" }),
    t.col "badge"  :varchar(20) :nullable() :unique(),
    t.col "level"  :integer()   :default "1",
    t.check("member_level_range", "level between 1 and 10"),
    t.index { "org_id" },
  },
}
