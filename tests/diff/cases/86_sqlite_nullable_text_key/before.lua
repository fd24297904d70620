local t = require "tide.schema"
-- SQLite lets the key of a rowid table hold NULL unless it says NOT NULL:
-- :primary() :nullable() keeps such a key as the database has it, through
-- CREATE TABLE and a rebuild, rows with NULL keys and all.
return {
  t.table "preference" {
    t.col "name"  :text()    :primary() :nullable(),
    t.col "value" :integer() :nullable(),
  },
}
