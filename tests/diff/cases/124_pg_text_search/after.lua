local t = require "tide.schema"
return {
  t.textSearchDictionary "simple_keep" [[TEMPLATE = simple, ACCEPT = false]],
  t.textSearchConfiguration "doc_en" [[COPY = english;
    ALTER MAPPING FOR asciiword WITH simple_keep, english_stem]],
  t.table "doc" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text() :nullable(),
    t.index { expression = "to_tsvector('doc_en'::regconfig, body)", using = "gin", name = "doc_fts" },
  },
}
