local t = require "tide.schema"
return t.table "ticket" {
  t.col "id"         :integer() :primary(),
  t.col "status"     :enum("ticket_status", { "open", "closed" }),
  t.col "old_status" :enum("ticket_status", { "open", "closed" }) :nullable(),
  t.col "severity"   :enum("ticket_severity", { "minor", "major", "critical" }) :default "'minor'",
}
