local t = require "tide.schema"
-- In SQLite only a key declared exactly INTEGER is the rowid: "id INT
-- PRIMARY KEY" is an ordinary column (its values are not row ids, a text
-- key is kept as text). A rebuild keeps it so: never "integer primary key".
return {
  t.table "tag" {
    t.col "id"   :type "INT" :primary(),
    t.col "name" :text(),
  },
}
