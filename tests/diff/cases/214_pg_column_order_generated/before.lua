local t = require "tide.schema"
-- columnOrder = "rebuild" (issue 13): a column that becomes generated is
-- dropped and added again (PostgreSQL cannot make a column generated in
-- place), so it went last even with the rebuild asked for; the table is
-- now rebuilt with it where the definitions have it. Seen in migra's
-- fixtures (identitycols, generated).
return {
  t.table "gen" {
    t.col "id"    :integer() :primary(),
    t.col "twice" :integer() :nullable(),
    t.col "n"     :integer(),
  },
}
