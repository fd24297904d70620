local t = require "tide.schema"
return t.table "event" {
  t.col "id"   :serial()  :primary(),
  t.col "name" :text(),
}
