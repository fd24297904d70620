local t = require "tide.schema"
return {
  t.table "users" {
    t.col "id"    :integer()    :primary(),
    t.col "email" :varchar(100),
    t.col "name"  :text()       :nullable(),
    t.index { "email", unique = true },
    t.index { "name", name = "ix_users_name" },
  },
  t.table "post" {
    t.col "id"      :integer() :primary(),
    t.col "user_id" :integer() :references("users", "id"),
    t.col "title"   :text(),
    t.index { "user_id" },
  },
  -- the one real change, so that a migration is written
  t.table "tag" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
}
