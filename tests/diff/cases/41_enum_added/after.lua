local t = require "tide.schema"
return {
  t.table "ticket" {
    t.col "id"    :integer() :primary(),
    t.col "title" :text(),
  },
  t.table "ticket_event" {
    t.col "id"        :integer() :primary(),
    t.col "ticket_id" :integer() :references("ticket", "id", { onDelete = "cascade" }),
    t.col "kind"      :enum("event_kind", { "opened", "closed", "reopened" }),
    t.col "prev"      :enum("event_kind", { "opened", "closed", "reopened" }) :nullable(),
  },
}
