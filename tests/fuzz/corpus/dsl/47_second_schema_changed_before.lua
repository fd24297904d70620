local t = require "tide.schema"
return {
  t.table "blog.post" {
    t.col "id"    :integer()   :primary(),
    t.col "title" :varchar(50),
    t.col "state" :enum("blog.post_state", { "draft", "live" }) :default "'draft'",
    t.col "body"  :text()      :nullable(),
  },
  t.table "blog.tag" {
    t.col "id"      :integer() :primary(),
    t.col "post_id" :integer(),
    t.col "name"    :text(),
  },
}
