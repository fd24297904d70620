local t = require "tide.schema"
return {
  t.table "blog.article" :renamedFrom "blog.post" {
    t.col "id"       :integer()    :primary(),
    t.col "headline" :varchar(200) :renamedFrom "title",
    t.col "state"    :enum("blog.post_state", { "draft", "live" }) :default "'draft'",
    t.col "body"     :text()       :nullable(),
    t.index { "headline" },
  },
  t.table "blog.tag" {
    t.col "id"      :integer() :primary(),
    t.col "post_id" :integer() :references("blog.article", "id", { onDelete = "cascade" }),
    t.col "name"    :text(),
    t.unique { "post_id", "name" },
  },
}
