local t = require "tide.schema"
return {
  t.table "org" {
    t.col "id"   :serial() :primary(),
    t.col "name" :varchar(100) :unique(),
  },
  t.table "user" {
    t.col "id"     :serial() :primary(),
    t.col "email"  :varchar(320) :unique(),
    t.col "nick"   :text() :nullable(),
    t.col "org_id" :integer() :references("org", "id", { onDelete = "cascade" }),
  },
  t.table "billing.invoice" {
    t.col "id"      :serial() :primary(),
    t.col "user_id" :integer() :references("user", "id"),
    t.col "total"   :numeric(10, 2),
  },
  t.view "active_users" [[select id, email from "user" where nick is not null]],
}
