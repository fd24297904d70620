local t = require "tide.schema"
-- Foreign data written as people write it (upper case, int and varchar,
-- options in any order): a wrapper made by hand with no handler, a
-- postgres_fdw server pointing at a database of the test cluster (nothing
-- connects to it), a foreign table and a view reading it. The server
-- spells the table, so drift stays clean (issue 13: foreign data wrappers,
-- servers and tables were reported, not carried).
return {
  t.extension "postgres_fdw" [[schema public]],
  t.foreignDataWrapper "plain" { comment = "no handler", sql = [[NO HANDLER OPTIONS (Mode 'test', debug 'false')]] },
  t.foreignServer "films_db" [[FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'localhost', dbname 'films')]],
  t.foreignTable "film" [[(ID int NOT NULL, Title varchar(80) OPTIONS (column_name 'name') DEFAULT 'untitled', len int)
    SERVER films_db OPTIONS (table_name 'films_src', schema_name 'public')]],
  t.view "long_film" [[select id, title from film where len > 120]],
  t.table "rental" {
    t.col "id"      :integer() :primary(),
    t.col "film_id" :integer(),
  },
}
