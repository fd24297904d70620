local t = require "tide.schema"
-- SQLite keeps an ON CONFLICT resolution on a NOT NULL, a UNIQUE and a
-- PRIMARY KEY (a mobile app's "unique ... on conflict replace"): adding one
-- alone is a change, a rebuild writes it, and down takes it away again.
return {
  t.table "message" {
    t.col "id"        :type "INTEGER" :primary(),
    t.col "client_id" :type "TEXT" :unique(),
    t.col "room"      :type "TEXT",
    t.col "seq"       :type "INTEGER",
    t.col "body"      :type "TEXT" :default "''",
    t.unique { "room", "seq" },
  },
}
