local t = require "tide.schema"
return {
  t.table "tag" {
    t.col "id"   :type "INT" :primary(),
    t.col "name" :text(),
    t.check("tag_name_set", "length(name) > 0"),
  },
}
