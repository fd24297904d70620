# Objects beside tables on PostgreSQL through the commands that read the
# whole live database: migration:fresh drops views, triggers, functions and
# sequences a migration made before the tables under them, and migrates
# again; a database diffed from empty gets every object. Uses
# TIDE_TEST_PG_URL.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
DB=tide_objects_$$ URL=$base/tide_objects_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $DB"; rm -rf "$work"' EXIT
q() { psql -qAt -F '|' -v ON_ERROR_STOP=1 "$URL" -c "$1"; }
admin "drop database if exists $DB"; admin "create database $DB"

mkdir -p migrations
cat > migrations/Migration20260101000000_init.sql <<'SQL'
-- tide:up
create sequence ticket_no start with 500;
create table ticket (id bigint primary key default nextval('ticket_no'), title text not null,
                     updated_at timestamptz);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
create trigger ticket_touch before update on ticket for each row execute function touch();
create view open_ticket as select id, title from ticket;
create materialized view ticket_count as select count(*) as n from ticket;
-- tide:down
drop materialized view ticket_count; drop view open_ticket; drop table ticket;
drop function touch(); drop sequence ticket_no;
SQL

t "migration:fresh with views, a trigger, a function and a sequence on migrated tables"
tide --url "$URL" migration:up; expect_rc 0
q "insert into ticket (title) values ('a')" >/dev/null
tide --url "$URL" migration:fresh; expect_rc 0
[ "$(q "select count(*) from ticket")" = 0 ] || bad "the rows survived migration:fresh"
[ "$(q "select count(*) from open_ticket")" = 0 ] || bad "the view is missing after migration:fresh"
[ "$(q "select nextval('ticket_no')")" = 500 ] || bad "the sequence was not created again"

t "schema:diff from an empty database to the migrated one re-creates every object"
admin "drop database if exists ${DB}_copy"; admin "create database ${DB}_copy"
tide --url "$base/${DB}_copy" schema:diff --from "$base/${DB}_copy" --to "$URL" --run; expect_rc 0
tide --url "$base/${DB}_copy" schema:diff --from "$base/${DB}_copy" --to "$URL"; expect_rc 0
expect_out "nothing to do"
admin "drop database if exists ${DB}_copy"

t "what tide does not carry is reported by name, by schema:inspect and schema:diff, never dropped without a word"
admin "drop database if exists ${DB}_odd"; admin "create database ${DB}_odd"
psql -q -v ON_ERROR_STOP=1 "$base/${DB}_odd" >/dev/null 2>&1 <<'SQL' || bad "the odd schema does not load"
create function add_up(a integer, b integer) returns integer language sql immutable as $$ select a + b $$;
create aggregate total(integer) (sfunc = add_up, stype = integer, initcond = '0');
create aggregate tally(*) (sfunc = int8inc, stype = bigint, initcond = '0');
create function same_len(a text, b text) returns boolean language sql immutable as $$ select length(a) = length(b) $$;
create operator === (leftarg = text, rightarg = text, function = same_len);
create collation plain_c (locale = 'C');
create text search configuration plain_words (copy = pg_catalog.simple);
create text search parser words_parser (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype);
create type span as range (subtype = integer);
create table note (id integer primary key, body text, n integer, m integer);
create rule note_never_deleted as on delete to note do instead nothing;
create statistics note_nm (dependencies) on n, m from note;
create function keep() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger note_keep before update on note for each row execute function keep();
alter table note disable trigger note_keep;
alter table note replica identity full;
create table part (id integer, at date) partition by range (at);
create table part_a partition of part for values from ('2020-01-01') to ('2021-01-01');
create trigger note_keep before update on part for each row execute function keep();
alter table part_a disable trigger note_keep;
alter table note alter column body set (n_distinct = 100);
alter table part_a alter column id set (n_distinct_inherited = 5);
create table box (id integer primary key);
create sequence box_serial owned by note.id;
create view box_view as select id from box;
alter view box_view alter column id set default 0;
comment on schema public is 'the application';
create publication everything for all tables;
create function note_ddl() returns event_trigger language plpgsql as $$ begin null; end $$;
create event trigger note_ddl on ddl_command_end when tag in ('CREATE TABLE') execute function note_ddl();
alter event trigger note_ddl enable always;
create unique index note_nm_key on note (n, m);
create table ledger (id integer, box_id integer, code text, label text,
  constraint ledger_box foreign key (box_id, id) references note (n, m) match full,
  constraint ledger_code unique (code) include (label));
create table ledger2 (id integer, box_id integer references box on delete set null (box_id));
alter table part_a enable row level security;
alter table part_a replica identity full;
create table part2 (id integer not null, at date not null) partition by range (at);
create table part_i partition of part2 for values from ('2019-01-01') to ('2020-01-01');
create unique index part_i_at on part_i (at);
alter table part_i replica identity using index part_i_at;
create table keyed (id integer, label text, primary key (id) include (label));
create foreign data wrapper odd_fdw;
create server odd_srv foreign data wrapper odd_fdw options (host 'h');
create user mapping for current_user server odd_srv options (password 'secret');
create foreign table odd_ft (id integer, label text) server odd_srv;
alter foreign table odd_ft add constraint odd_ft_id check (id > 0);
comment on column odd_ft.label is 'shown';
create foreign table part_b partition of part for values from ('2021-01-01') to ('2022-01-01') server odd_srv;
create foreign table part_c partition of part (at not null) for values from ('2022-01-01') to ('2023-01-01') server odd_srv;
SQL
tide --url "$base/${DB}_odd" schema:inspect --format lua; expect_rc 0
for what in 'text search parser' \
            'trigger note_keep on partition part_a: disabled' \
            'column part_a.id: options (n_distinct_inherited=5)' \
            'table part_i: replica identity of a partition using an index' \
            'foreign table odd_ft: constraint odd_ft_id, the comment of column label' \
            'foreign table part_c: a partition with columns or constraints of its own'; do
  case "$out" in *"does not carry: $what"*) ;; *) bad "schema:inspect does not report: $what" ;; esac
  case "$stdout" in *"--   $what"*) ;; *) bad "the definitions' notes do not say: $what" ;; esac
done
case "$out" in *'t.func "span'*|*'cast (span'*) bad "a range type's own functions or casts are read as the schema's" ;; esac
for what in 't.aggregate "total" [['$'\n''CREATE AGGREGATE public.total(integer)' \
            't.aggregate "tally" [['$'\n''CREATE AGGREGATE public.tally(*)' 'SFUNC = public.add_up,' \
            't.schema "public" { comment = "the application" }' \
            't.table "note" :replicaIdentity "full" {' \
            't.unique { "code", name = "ledger_code", include = { "label" } }' \
            't.primary { "id", include = { "label" } }' \
            ':nullable() :attributeOptions "n_distinct=100",' \
            't.view "box_view" { columnDefaults = { ["id"] = "0" }, sql = ' \
            't.partition "part_a" { table = "part", replicaIdentity = "full", rowLevelSecurity = true, sql = [[' \
            't.publication "everything" [[for all tables]]' \
            't.rangeType "span" [[subtype = integer]]' \
            't.operator "===" [[function = same_len, leftarg = text, rightarg = text]]' \
            't.textSearchConfiguration "plain_words" [[parser = "default"; mapping for asciiword with simple;' \
            't.eventTrigger "note_ddl" { enabled = "always", sql = [[on ddl_command_end when tag in ('"'CREATE TABLE'"') execute function note_ddl()]] }' \
            't.trigger "note_keep" { table = "note", enabled = false, sql = [[' \
            't.sequenceOwner "box_serial" { table = "note", sql = [[id]] }' \
            't.collation "plain_c" [[provider = libc, locale = '"'C'"']]' \
            't.foreignDataWrapper "odd_fdw" [[no handler]]' \
            't.foreignServer "odd_srv" [[foreign data wrapper odd_fdw options (host '"'h'"')]]' \
            't.foreignTable "odd_ft" [[(id integer, label text) server odd_srv]]' \
            't.foreignTable "part_b" [[partition of part FOR VALUES FROM ('"'2021-01-01'"') TO ('"'2022-01-01'"') server odd_srv]]' \
            't.statistics "note_nm" { table = "note", sql = [[CREATE STATISTICS note_nm (dependencies) ON n, m FROM note]] }' \
            't.rule "note_never_deleted" { table = "note", sql = [['$'\n''CREATE RULE note_never_deleted AS'; do
  case "$stdout" in *"$what"*) ;; *) bad "schema:inspect does not write: $what" ;; esac
done
case "$out" in *"does not carry: unique constraint"*|*"does not carry: primary key"*|*"does not carry: column note.body"*|*"does not carry: view box_view"*|*"row level security of a partition"*) bad "a unique constraint's or primary key's INCLUDE columns a table column's attribute options, a view column's default or a partition's row level security are reported as not carried" ;; esac
case "$out" in *"does not carry: operator"*|*"does not carry: cast"*) bad "an operator or a range type's cast is reported as not carried" ;; esac
case "$out" in *"does not carry: sequence box_serial"*|*"does not carry: collation"*|*"does not carry: statistics"*|*"does not carry: rule"*|*"does not carry: table note"*|*"does not carry: trigger note_keep on note"*)
  bad "a sequence owner, a collation, statistics, a rule, a replica identity or a trigger's state are reported as not carried" ;; esac
case "$out$stdout" in *"user mapping"*|*"secret"*|*"carry: foreign data wrapper"*|*"carry: server"*|*"part_b: a partition"*)
  bad "a user mapping (left out, as grants are), a wrapper, a server or a simple foreign partition is reported" ;; esac
case "$stdout" in *'t.partition "part_b"'*|*'t.partition "part_c"'*) bad "a foreign partition is written as a local one" ;; esac
admin "drop database if exists ${DB}_to"; admin "create database ${DB}_to"
tide --url "$base/${DB}_to" schema:diff --from "$base/${DB}_to" --to "$base/${DB}_odd"; expect_rc 0
expect_out "does not carry: text search parser words_parser"
admin "drop database if exists ${DB}_odd"; admin "drop database if exists ${DB}_to"

t "a view's options (with =): a materialized view takes storage parameters, not security_barrier (refused by name, nothing written)"
mkdir -p mv/schema
cat > mv/schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "item" { t.col "id" :integer() :primary() },
         t.materializedView "item_ids" { with = "security_barrier=true", sql = [[select id from item]] } }
LUA
(cd mv && "$TIDE_BIN" --url "$URL" migration:create --name x) > mv.out 2>&1; rc=$?; out=$(cat mv.out)
expect_rc 1; expect_out "materialized view item_ids: security_barrier is an option of views"
[ ! -e mv/migrations ] || [ -z "$(ls mv/migrations)" ] || bad "a migration was written"
sed -i 's/security_barrier=true/fillfactor=70/' mv/schema/app.lua
(cd mv && "$TIDE_BIN" --url "$URL" schema:create --dump) > mv.out 2>&1; rc=$?; out=$(cat mv.out)
expect_rc 0; expect_out 'create materialized view "item_ids" with (fillfactor=70) as'

t "a sequence owner with a comment, a collation's unreadable options: refused by name, nothing written"
for case in 't.sequenceOwner "n" { table = "item", sql = "id", comment = "mine" }|sequence owner n: an ownership has no comment of its own' \
            't.collation "ci" [[provider = icu]]|collation ci: say its locale' \
            't.collation "ci" [[from "C"]]|collation ci: cannot read its options' \
            't.view "v" { enabled = false, sql = [[select 1]] }|app.lua:2: view '"'v'"': enabled = is for triggers' \
            't.trigger "tr" { table = "item", enabled = "sometimes", sql = [[create trigger tr before insert on item for each row execute function f()]] }|app.lua:2: trigger '"'tr'"': enabled must be false (disabled), "replica" or "always", not '"'sometimes'"''; do
  rm -rf so && mkdir -p so/schema
  printf 'local t = require "tide.schema"\nreturn { t.sequence "n" [[start with 1]], t.table "item" { t.col "id" :integer() :primary() }, %s }\n' \
    "${case%%|*}" > so/schema/app.lua
  (cd so && "$TIDE_BIN" --url "$URL" migration:create --name x) > so.out 2>&1; rc=$?; out=$(cat so.out)
  expect_rc 1; expect_out "${case#*|}"
  [ ! -e so/migrations ] || [ -z "$(ls so/migrations)" ] || bad "a migration was written for ${case%%|*}"
done

t "a replica identity tide cannot read or whose index is not a unique one of its table: refused by name, nothing written"
for case in ':replicaIdentity "everything"|table item: replicaIdentity is '"'everything'"': write "full", "nothing", "default" or "using index NAME"' \
            ':replicaIdentity "using index nope"|table item: replicaIdentity uses index '"'nope'"', which is not one of its unique indexes' \
            ':replicaIdentity "using index item_n"|table item: replicaIdentity uses index '"'item_n'"', which is not one of its unique indexes'; do
  rm -rf ri && mkdir -p ri/schema
  printf 'local t = require "tide.schema"\nreturn { t.table "item" %s { t.col "id" :integer() :primary(), t.col "n" :integer(), t.index { "n" } } }\n' \
    "${case%%|*}" > ri/schema/app.lua
  (cd ri && "$TIDE_BIN" --url "$URL" migration:create --name x) > ri.out 2>&1; rc=$?; out=$(cat ri.out)
  expect_rc 1; expect_out "${case#*|}"
  [ ! -e ri/migrations ] || [ -z "$(ls ri/migrations)" ] || bad "a migration was written for ${case%%|*}"
done

# refused DIR ITEMS WANT: definitions of one table "item" (id, n) followed
# by ITEMS make migration:create fail saying WANT, and write nothing.
refused() {
  rm -rf "$1" && mkdir -p "$1/schema"
  printf 'local t = require "tide.schema"\nreturn { t.table "item" { t.col "id" :integer(), t.col "n" :integer()%s } }\n' \
    "$2" > "$1/schema/app.lua"
  (cd "$1" && "$TIDE_BIN" --url "$URL" migration:create --name x) > "$1.out" 2>&1; rc=$?; out=$(cat "$1.out")
  expect_rc 1; expect_out "$3"
  [ ! -e "$1/migrations" ] || [ -z "$(ls "$1/migrations")" ] || bad "a migration was written for $2"
}

t "a unique constraint's or primary key's include naming no column of its table, or not a list of names: refused by name, nothing written"
for case in 't.unique { "n", include = { "nope" } }|table item: a unique constraint'"'"'s include names column '"'nope'"', which the table does not have' \
            't.unique { "n", include = 5 }|t.unique: include must be a list of columns' \
            't.unique { "n", include = { "id", 7 } }|t.unique: include entry 2 must be a column name' \
            't.primary { "id", include = { "nope" } }|table item: the primary key'"'"'s include names column '"'nope'"', which the table does not have' \
            't.primary { "id", include = {} }|t.primary: include must be a list of columns'; do
  refused ui ", ${case%%|*}" "${case#*|}"
done

t "a column's attribute options PostgreSQL does not know, or not a number: refused by name, nothing written"
for case in '"n_distinct=5, fillfactor=70"|table item, column n: attribute option '"'fillfactor'"' is not one PostgreSQL knows (n_distinct, n_distinct_inherited)' \
            '"n_distinct=many"|table item, column n: attribute option n_distinct must be a number of at least -1' \
            '"n_distinct=-2"|table item, column n: attribute option n_distinct must be a number of at least -1' \
            '"n_distinct=1, N_DISTINCT=2"|table item, column n: attribute option n_distinct is given twice' \
            '"n_distinct"|table item, column n: attribute options '"'n_distinct'"' are not name=value pairs' \
            '(5)|:attributeOptions(options) needs a string'; do
  refused ao " :attributeOptions ${case%%|*}" "${case#*|}"
done

t "a view column's default on what is not a view, or on a column the view does not have: refused by name"
rm -rf vd && mkdir -p vd/schema
printf 'local t = require "tide.schema"\nreturn { t.table "item" { t.col "id" :integer() }, t.materializedView "m" { columnDefaults = { id = "1" }, sql = [[select id from item]] } }\n' > vd/schema/app.lua
(cd vd && "$TIDE_BIN" --url "$URL" migration:create --name x) > vd.out 2>&1; rc=$?; out=$(cat vd.out)
expect_rc 1; expect_out "materialized view 'm': columnDefaults = is for views"
[ ! -e vd/migrations ] || [ -z "$(ls vd/migrations)" ] || bad "a migration was written for a materialized view's columnDefaults"
printf 'local t = require "tide.schema"\nreturn { t.table "item" { t.col "id" :integer() }, t.view "v" { columnDefaults = { nope = "1" }, sql = [[select id from item]] } }\n' > vd/schema/app.lua
(cd vd && "$TIDE_BIN" --url "$URL" schema:update --dump) > vd.out 2>&1; rc=$?; out=$(cat vd.out)
expect_rc 1; expect_out 'the definitions do not hold on PostgreSQL: create view v'; expect_out 'column "nope" of relation "v" does not exist'

t "a partition's own default of a column its table does not have: refused by name, nothing written"
printf 'local t = require "tide.schema"\nreturn { t.table "ev" :partitionBy "list (id)" { t.col "id" :integer() }, t.partition "ev_1" { table = "ev", columnDefaults = { nope = "1" }, sql = [[for values in (1)]] } }\n' > vd/schema/app.lua
(cd vd && "$TIDE_BIN" --url "$URL" migration:create --name x) > vd.out 2>&1; rc=$?; out=$(cat vd.out)
expect_rc 1; expect_out "partition 'ev_1': columnDefaults names column nope, which its table ev does not have"
[ ! -e vd/migrations ] || [ -z "$(ls vd/migrations)" ] || bad "a migration was written for a partition's default of no column"

t "a partition's replicaIdentity tide does not carry or cannot read, or on what is not a partition: refused by name, nothing written"
for case in 'replicaIdentity = "using index ev_1_pkey"|partition '"'ev_1'"': replicaIdentity is '"'using index ev_1_pkey'"': write "full", "nothing" or "default"' \
            'replicaIdentity = "sometimes"|partition '"'ev_1'"': replicaIdentity is '"'sometimes'"'' \
            'replicaIdentity = true|partition '"'ev_1'"': replicaIdentity must be a non-empty string, not a boolean' \
            'sql = [[for values in (1)]] }, t.view "v" { replicaIdentity = "full"|view '"'v'"': replicaIdentity = is for partitions (a table says :replicaIdentity)'; do
  rm -rf rp && mkdir -p rp/schema
  printf 'local t = require "tide.schema"\nreturn { t.table "ev" :partitionBy "list (k)" { t.col "k" :integer() :primary() },\n  t.partition "ev_1" { table = "ev", %s, sql = [[for values in (1)]] } }\n' \
    "${case%%|*}" > rp/schema/app.lua
  (cd rp && "$TIDE_BIN" --url "$URL" migration:create --name x) > rp.out 2>&1; rc=$?; out=$(cat rp.out)
  expect_rc 1; expect_out "${case#*|}"
  [ ! -e rp/migrations ] || [ -z "$(ls rp/migrations)" ] || bad "a migration was written for ${case%%|*}"
done

t "schema:drop drops a type another type reads (a dictionary a configuration maps to, a domain in a composite type) and the database's own objects"
admin "drop database if exists ${DB}_drop"; admin "create database ${DB}_drop"
mkdir -p dr/schema
cat > dr/schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.domain "score" [[integer check (value >= 0)]],
  t.compositeType "result" [[points score, label text]],
  t.textSearchDictionary "simple_keep" [[template = simple, accept = true]],
  t.textSearchConfiguration "doc_en" [[copy = english; alter mapping for word with simple_keep]],
  t.table "doc" { t.col "id" :integer() :primary(), t.col "r" :type "result" :nullable() },
  t.publication "feed" [[for table doc]],
  t.foreignDataWrapper "dr_fdw" [[no handler]],
  t.foreignServer "dr_srv" [[foreign data wrapper dr_fdw]],
  t.foreignTable "dr_ft" [[(id integer, r result) server dr_srv]],
  t.view "dr_view" [[select id from dr_ft]],
}
LUA
(cd dr && "$TIDE_BIN" --url "$base/${DB}_drop" schema:create --run) > dr.out 2>&1; rc=$?; out=$(cat dr.out)
expect_rc 0
(cd dr && "$TIDE_BIN" --url "$base/${DB}_drop" schema:drop --run) > dr.out 2>&1; rc=$?; out=$(cat dr.out)
expect_rc 0
left=$(psql -X -qAt "$base/${DB}_drop" -c "select (select count(*) from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public' and t.typname in ('score', 'result')) + (select count(*) from pg_ts_config where cfgname = 'doc_en') + (select count(*) from pg_ts_dict where dictname = 'simple_keep') + (select count(*) from pg_publication) + (select count(*) from pg_foreign_data_wrapper) + (select count(*) from pg_foreign_server) + (select count(*) from pg_foreign_table)")
[ "$left" = 0 ] || bad "schema:drop left $left of the definitions' types, text search objects, publications and foreign data objects"
admin "drop database if exists ${DB}_drop"

t "a publication, event trigger, text search object or foreign data object tide cannot read: refused by name (where, what was expected), nothing written"
while IFS='|' read -r dsl want; do
  rm -rf pb && mkdir -p pb/schema
  printf 'local t = require "tide.schema"\nreturn { t.table "item" { t.col "id" :integer() :primary() }, %s }\n' "$dsl" > pb/schema/app.lua
  (cd pb && "$TIDE_BIN" --url "$URL" migration:create --name x) > pb.out 2>&1; rc=$?; out=$(cat pb.out)
  expect_rc 1; expect_out "$want"
  [ ! -e pb/migrations ] || [ -z "$(ls pb/migrations)" ] || bad "a migration was written for $dsl"
done <<'CASES'
t.publication "billing.p" [[for all tables]]|publication p: a publication belongs to the database, not to a namespace
t.publication "p" [[for item]]|publication p: cannot read its definition at 'item' (expected TABLE or TABLES IN SCHEMA
t.publication "p" [[for table item (id with (publish = 'insert')]]|publication p: cannot read its definition at 'with (publish
t.publication "p" [[for table item with (publish = 'insert, upsert')]]|publication p: publish takes insert, update, delete and truncate, not 'upsert'
t.publication "p" [[for table item with (streaming = true)]]|publication p: 'streaming' is not an option of a publication
t.publication "p" [[for tables in schema current_schema]]|publication p: cannot read its definition at '' (expected the namespace's name (CURRENT_SCHEMA depends on the session)
t.publication "p" [[for table item where id > 0]]|publication p: cannot read its definition at 'id > 0' (expected WHERE (condition)
t.eventTrigger "audit.e" [[on sql_drop execute function f()]]|event trigger e: an event trigger belongs to the database, not to a namespace
t.textSearchDictionary "d" [[stopwords = english]]|text search dictionary d: say its template
t.textSearchConfiguration "c" [[alter mapping for word with simple]]|text search configuration c: begin with its parser or the configuration it copies
t.textSearchConfiguration "c" [[copy = english; replace english_stem with simple]]|text search configuration c: 'replace english_stem with simple' is not a mapping clause
t.eventTrigger "e" [[on sql_drop when tag = 'DROP TABLE' execute function f()]]|event trigger e: cannot read its definition at '= 'DROP TABLE' execute function f()' (expected TAG IN ('...') (the only filter there is)
t.eventTrigger "e" [[on ddl_command_end execute function f(); drop table item]]|event trigger e: cannot read its definition at 'drop table item' (expected the end of the definition
t.foreignServer "billing.s" [[foreign data wrapper w]]|foreign server billing.s: a foreign server belongs to the database, not to a namespace
t.foreignDataWrapper "w" [[handler h options (debug true)]]|foreign data wrapper w: cannot read its definition at 'true)' (expected the option's value, a quoted string
t.foreignDataWrapper "w" [[validator v handler]]|foreign data wrapper w: cannot read its definition at '' (expected a name
t.foreignServer "s" [[type 'pg' options (host 'h')]]|foreign server s: cannot read its definition at 'options (host 'h')' (expected FOREIGN DATA WRAPPER name
t.foreignServer "s" [[foreign data wrapper w options (host 'a', host 'b')]]|foreign server s: the option 'host' is given twice
t.foreignTable "f" [[id integer server s]]|foreign table f: cannot read its definition at 'id integer server s' (expected its columns within parentheses
t.foreignTable "f" [[(id integer) server s; drop table item]]|foreign table f: cannot read its definition at '; drop table item' (expected OPTIONS (...) or the end of the definition
t.foreignTable "f" [[partition of item server s]]|foreign table f: cannot read its definition at 'server s' (expected its bound after the partitioned table's name
CASES
t "a partition's copies under PostgreSQL's own names are not listed as attached indexes (long names cut, expressions, repeated names, INCLUDE, keys)"
admin "drop database if exists ${DB}_ai"; admin "create database ${DB}_ai"
psql -qX -v ON_ERROR_STOP=1 "$base/${DB}_ai" >/dev/null 2>&1 <<'SQL' || bad "loading the partitioned tables failed"
create table "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index" (id integer not null, at date not null,
  kind text, "Note" text, primary key (id, at), unique (kind, at)) partition by range (at);
create index on "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index" (lower(kind), lower("Note")) include (id);
create index on "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index" ((kind || "Note"), (kind::varchar), upper(kind));
create index on "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index" (kind text_pattern_ops desc, "Note" collate "C");
create table "p_ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ_2025" partition of "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index"
  for values from ('2025-01-01') to ('2026-01-01');
create table p_short partition of "Évènement_avec_un_nom_très_long_pour_couper_les_noms_des_index"
  for values from ('2026-01-01') to ('2027-01-01');
SQL
tide --url "$base/${DB}_ai" schema:inspect --format lua; expect_rc 0
expect_no "attachedIndex"
psql -qX "$base/${DB}_ai" -c 'alter index p_short_lower_lower1_id_idx rename to "Short words"' >/dev/null
tide --url "$base/${DB}_ai" schema:inspect --format lua; expect_rc 0
expect_out 't.attachedIndex "Short words" { table = "p_short", sql = [[Évènement_avec_un_nom_très_long_pour_cou_lower_lower1_id_idx]] }'
t "dropped from the definitions, each copy takes back the name PostgreSQL gives it"
mkdir -p ai/schema; printf '%s\n' "$stdout" > ai/schema/app.lua
sed -i '/t.attachedIndex/d' ai/schema/app.lua
(cd ai && "$TIDE_BIN" --url "$base/${DB}_ai" schema:update --run) > ai.out 2>&1; rc=$?; out=$(cat ai.out)
expect_rc 0
tide --url "$base/${DB}_ai" schema:inspect --format lua; expect_rc 0
expect_no "attachedIndex"
admin "drop database if exists ${DB}_ai"

t "an attached index on what is not a partition, or naming no index of the partition's table: refused by name, nothing written"
while IFS='|' read -r dsl want; do
  rm -rf ab && mkdir -p ab/schema
  printf 'local t = require "tide.schema"\nreturn { t.table "ev" :partitionBy "list (k)" { t.col "k" :integer(), t.index { "k" } }, t.partition "ev_1" { table = "ev", sql = [[for values in (1)]] }, %s }\n' "$dsl" > ab/schema/app.lua
  (cd ab && "$TIDE_BIN" --url "$URL" migration:create --name x) > ab.out 2>&1; rc=$?; out=$(cat ab.out)
  expect_rc 1; expect_out "$want"
  [ ! -e ab/migrations ] || [ -z "$(ls ab/migrations)" ] || bad "a migration was written for $dsl"
done <<'CASES'
t.attachedIndex "x" { table = "ev", sql = "ev_k_idx" }|attached index 'x' is on 'ev', which is not a partition
t.attachedIndex "x" { table = "ev_1", sql = "ev_pkey" }|attached index 'x': table 'ev' (partition 'ev_1' is one of its) has no index, primary key or unique constraint named 'ev_pkey'
t.attachedIndex "x" { sql = "ev_k_idx" }|an attached index needs the table it is on
CASES
t "a table that becomes a partition of a table with an identity column: refused by name (attach it by hand), nothing written, its rows kept"
rm -rf at && mkdir -p at/schema
admin "drop database if exists ${DB}_at"; admin "create database ${DB}_at"
cat > at/schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "ev" :partitionBy "list (k)" { t.col "id" :integer() :identity(), t.col "k" :integer() },
  t.table "ev_1" { t.col "id" :integer(), t.col "k" :integer() },
}
LUA
(cd at && "$TIDE_BIN" --url "$base/${DB}_at" schema:create --run) > at.out 2>&1 || bad "schema:create failed: $(cat at.out)"
psql -qX "$base/${DB}_at" -c "insert into ev_1 values (1, 1)" >/dev/null
cat > at/schema/app.lua <<'LUA'
local t = require "tide.schema"
return {
  t.table "ev" :partitionBy "list (k)" { t.col "id" :integer() :identity(), t.col "k" :integer() },
  t.partition "ev_1" { table = "ev", sql = [[for values in (1)]] },
}
LUA
(cd at && "$TIDE_BIN" --url "$base/${DB}_at" schema:update --run) > at.out 2>&1; rc=$?; out=$(cat at.out)
expect_rc 1; expect_out "table ev_1: it becomes a partition of ev, whose column id takes its values from a sequence of its own"
expect_rc 1; expect_out "alter table ev attach partition ev_1"
[ "$(psql -qAtX "$base/${DB}_at" -c "select count(*) from ev_1")" = 1 ] || bad "the rows of ev_1 are gone"
admin "drop database if exists ${DB}_at"

finish
