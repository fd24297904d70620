local t = require "tide.schema"
return {
  t.extension "postgres_fdw" [[schema public]],
  t.foreignDataWrapper "plain" { comment = "no handler", sql = [[no handler options (debug 'true', mode 'test')]] },
  t.foreignServer "films_db" [[foreign data wrapper postgres_fdw options (dbname 'films', host 'localhost')]],
  t.foreignServer "notes" { comment = "a second one", sql = [[type 'memo' foreign data wrapper plain]] },
  t.foreignTable "film" { comment = "the films", sql = [[(id bigint not null, title varchar(80) options (column_name 'title'),
    len int default 0, rating text) server films_db options (table_name 'films_src')]] },
  t.foreignTable "note" [[(body text) server notes]],
  t.view "long_film" [[select id, title from film where len > 120]],
  t.table "rental" {
    t.col "id"      :integer() :primary(),
    t.col "film_id" :integer(),
  },
}
