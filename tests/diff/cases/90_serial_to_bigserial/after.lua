local t = require "tide.schema"
return t.table "event" {
  t.col "id"   :bigserial() :primary(),
  t.col "name" :text(),
}
