local t = require "tide.schema"
return t.table "issue" :renamedFrom "ticket" {
  t.col "id"     :integer() :primary(),
  t.col "status" :enum("ticket_status", { "open", "closed" }) :default "'open'",
}
