local t = require "tide.schema"
return t.table "tag" {
  t.col "name"  :varchar(30) :primary(),
  t.col "lang"  :varchar(5)  :default "'en'",
  t.col "label" :text(),
}
