local t = require "tide.schema"
return t.table "ticket" {
  t.col "id"    :integer() :primary(),
  t.col "state" :enum("ticket_status", { "open", "closed", "archived" }),
}
