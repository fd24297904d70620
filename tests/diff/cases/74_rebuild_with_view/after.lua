local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer()    :primary(),
    t.col "name"  :varchar(100),
    t.col "price" :integer()    :default "0",
  },
  t.view "cheap_item" [[select id, name from item where price < 10]],
}
