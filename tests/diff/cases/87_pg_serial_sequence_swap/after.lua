local t = require "tide.schema"
return {
  t.sequence "tally_id_seq" [[as integer]],
  t.table "tally" {
    t.col "id"    :integer() :primary() :default "nextval('tally_id_seq'::regclass)",
    t.col "label" :text(),
  },
  t.table "gauge" {
    t.col "id"    :serial()  :primary(),
    t.col "label" :text(),
  },
}
