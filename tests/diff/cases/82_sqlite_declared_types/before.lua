local t = require "tide.schema"
-- SQLite keeps the type a column declares, and PRAGMA table_info reports it:
-- "INT" is not "integer", "" (no type) is not bytea, "VARCHAR(20)" stays in
-- capitals. A column changing from INT to TEXT is a real change (a rebuild);
-- the columns around it keep their declared text through the rebuild.
return {
  t.table "item" {
    t.col "id"    :integer()             :primary(),
    t.col "code"  :type "INT",
    t.col "blob"  :type ""               :nullable(),
    t.col "label" :type "VARCHAR(20)",
    t.col "flag"  :type "BOOLEAN"        :default "1",
    t.col "at"    :type "DATETIME"       :nullable() :default "CURRENT_TIMESTAMP",
    t.col "price" :type "DECIMAL(10, 2)" :nullable(),
  },
}
