local t = require "tide.schema"
-- A text search configuration written as people write it (a copy of a
-- built-in one, then a mapping altered), with a dictionary of its own, and
-- an index that names it: the server spells both, so drift stays clean
-- (issue 13: they were reported, not carried); then its mappings change
-- in place (the index keeps it).
return {
  t.textSearchDictionary "simple_keep" [[TEMPLATE = simple, ACCEPT = true]],
  t.textSearchConfiguration "doc_en" [[COPY = english;
    ALTER MAPPING FOR asciiword, word WITH simple_keep, english_stem]],
  t.table "doc" {
    t.col "id"   :integer() :primary(),
    t.col "body" :text() :nullable(),
    t.index { expression = "to_tsvector('doc_en'::regconfig, body)", using = "gin", name = "doc_fts" },
  },
}
