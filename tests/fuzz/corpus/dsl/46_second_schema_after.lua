local t = require "tide.schema"
return {
  t.table "account" {
    t.col "id"   :integer() :primary(),
    t.col "name" :text(),
  },
  t.table "blog.post" {
    t.col "id"         :serial()  :primary(),
    t.col "account_id" :integer() :references("account", "id", { onDelete = "cascade" }),
    t.col "title"      :varchar(200),
    t.col "state"      :enum("blog.post_state", { "draft", "live" }) :default "'draft'",
    t.index { "title" },
    t.unique { "account_id", "title" },
  },
  t.table "blog.comment" {
    t.col "id"      :serial()  :primary(),
    t.col "post_id" :integer() :references("blog.post", "id", { onDelete = "cascade" }),
    t.col "body"    :text(),
  },
}
