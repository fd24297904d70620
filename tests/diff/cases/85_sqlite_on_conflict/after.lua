local t = require "tide.schema"
return {
  t.table "message" {
    t.col "id"        :type "INTEGER" :primary { onConflict = "rollback" },
    t.col "client_id" :type "TEXT" :unique { onConflict = "replace" },
    t.col "room"      :type "TEXT",
    t.col "seq"       :type "INTEGER",
    t.col "body"      :type "TEXT" :notNull { onConflict = "replace" } :default "''",
    t.unique { "room", "seq", onConflict = "ignore" },
  },
}
