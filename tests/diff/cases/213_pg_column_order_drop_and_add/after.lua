local t = require "tide.schema"
return {
  t.table "sample" {
    t.col "id" :bigserial() :primary(),
    t.col "c"  :bigint() :default "0",
    t.col "b"  :text(),
  },
}
