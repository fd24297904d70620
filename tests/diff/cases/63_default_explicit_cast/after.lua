local t = require "tide.schema"
return t.table "doc" {
  t.col "id"    :integer()   :primary(),
  t.col "meta"  :json()      :nullable() :default "'[]'::json",
  t.col "note"  :varchar(20) :default "'n/a'::character varying",
  t.col "label" :text()      :default "'x'::text",
}
