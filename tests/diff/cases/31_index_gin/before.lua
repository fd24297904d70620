local t = require "tide.schema"
return t.table "doc" {
  t.col "id"   :integer() :primary(),
  t.col "body" :jsonb(),
  t.col "tags" :array "text",
}
