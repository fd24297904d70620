local t = require "tide.schema"
-- a serial column and a column on a sequence of its own trade places: each
-- sequence's name passes to the other kind (down trades them back)
return {
  t.table "tally" {
    t.col "id"    :serial()  :primary(),
    t.col "label" :text(),
  },
  t.sequence "gauge_id_seq" [[as integer]],
  t.table "gauge" {
    t.col "id"    :integer() :primary() :default "nextval('gauge_id_seq'::regclass)",
    t.col "label" :text(),
  },
}
