local t = require "tide.schema"
-- columnOrder = "rebuild" (issue 13): "a" goes and "c" comes where it was,
-- before "b" (a bigserial key, a check naming the dropped column); the
-- table is rebuilt once "a" is dropped, and back in down. The dropped
-- column is no reason not to rebuild (only one kept by safe mode is).
return {
  t.table "sample" {
    t.col "id" :bigserial() :primary(),
    t.col "a"  :integer() :nullable(),
    t.col "b"  :text(),
    t.check("sample_a_b_check", "a < 100 or b <> ''"),
  },
}
