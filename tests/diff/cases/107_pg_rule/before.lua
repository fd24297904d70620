local t = require "tide.schema"
-- A rewrite rule written as people write it (lower case, on one line): the
-- server's spelling is compared, so drift stays clean (issue 13: rules were
-- reported, not carried).
return {
  t.table "note" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text() :nullable(),
  },
}
