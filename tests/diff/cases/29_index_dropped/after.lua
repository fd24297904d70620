local t = require "tide.schema"
return t.table "post" {
  t.col "id"        :integer()    :primary(),
  t.col "author"    :varchar(50),
  t.col "title"     :varchar(200),
  t.col "slug"      :varchar(200),
  t.col "score"     :integer()    :default "0",
  t.col "published" :boolean()    :default "false",
  t.col "created"   :timestamp()  :nullable(),
}
