local t = require "tide.schema"
-- A key of one integer column is SQLite's rowid: written "id integer primary
-- key" (no NOT NULL, not a table constraint), as a table written by hand
-- would be, before and after a rebuild; PRAGMA table_info reads the same.
return {
  t.table "account" {
    t.col "id"   :integer()    :primary(),
    t.col "name" :varchar(20),
  },
  t.table "entry" {
    t.col "id"   :serial()     :primary(),
    t.col "note" :varchar(20),
  },
}
