local t = require "tide.schema"
-- Older SQLite schemas write string defaults in double quotes (default
-- "isbn", default ""); SQLite takes them for strings and keeps them so
-- (PRAGMA table_info says "isbn"). A rebuild writes them back as they were,
-- bare, never as default ("isbn"), which SQLite refuses ("default value of
-- column is not constant").
return {
  t.table "book" {
    t.col "id"    :integer() :primary(),
    t.col "isbn"  :text()    :default '"isbn"',
    t.col "title" :text()    :default '""',
    t.col "note"  :text()    :default [["it's"]],
  },
}
