local t = require "tide.schema"
return {
  t.table "item" {
    t.col "id"    :integer()             :primary(),
    t.col "code"  :type "TEXT",
    t.col "blob"  :type ""               :nullable(),
    t.col "label" :type "VARCHAR(20)",
    t.col "flag"  :type "BOOLEAN"        :default "1",
    t.col "at"    :type "DATETIME"       :nullable() :default "CURRENT_TIMESTAMP",
    t.col "price" :type "DECIMAL(10, 2)" :nullable(),
  },
}
