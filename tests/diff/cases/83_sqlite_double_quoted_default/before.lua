local t = require "tide.schema"
-- Older SQLite schemas write string defaults in double quotes (default
-- "isbn", default ""); SQLite takes them for strings. A rebuild must write
-- them back as the literals they are ('isbn'), never as default ("isbn"),
-- which SQLite refuses ("default value of column is not constant").
return {
  t.table "book" {
    t.col "id"    :integer() :primary(),
    t.col "isbn"  :text()    :default '"isbn"',
    t.col "title" :text()    :default '""',
    t.col "note"  :text()    :default [["it's"]],
  },
}
