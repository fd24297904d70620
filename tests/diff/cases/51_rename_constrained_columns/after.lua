local t = require "tide.schema"
return {
  t.table "author" {
    t.col "id"        :integer()   :primary(),
    t.col "handle"    :varchar(10) :unique() :renamedFrom "code",
    t.col "full_name" :text()      :renamedFrom "name",
    t.index { "full_name" },
    t.check("author_code_len", "length(handle) > 1"),
  },
  t.table "book" {
    t.col "id"     :integer()   :primary(),
    t.col "writer" :varchar(10) :references("author", "handle") :renamedFrom "author_code",
    t.col "title"  :text(),
  },
}
