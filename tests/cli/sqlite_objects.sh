# SQLite's views, triggers, virtual tables and table options, database to
# database: two files made by SQL, schema:diff --run from one to the other
# and back, with the rows kept, the audit trigger firing on user inserts
# only (never while a table is rebuilt), fts5's shadow tables never seen as
# tables, and schema:inspect --format lua -> schema:create giving the same
# catalog (PRAGMA table_list, table_xinfo and sqlite_master's SQL).
. "$(dirname "$0")/lib.sh"
sq() { sqlite3 -separator '|' "$1" "$2"; }
# The catalog as SQLite reports it: the pragmas for tables and indexes, and
# the SQL of views, triggers and virtual tables with quotes and case folded
# (tide writes names quoted; the meaning is the same).
catalog() {
  sq "$1" "select type, name, tbl_name, lower(replace(sql, '\"', '')) from sqlite_master where type in ('view', 'trigger') or sql like 'create virtual%' order by type, name"
  sq "$1" "select m.name, il.name, il.\"unique\", il.origin, il.partial, ix.* from sqlite_master m join pragma_index_list(m.name) il join pragma_index_xinfo(il.name) ix where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, il.name, ix.seqno"
  sq "$1" "select m.name, f.* from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table' order by m.name, f.id, f.seq"
  sq "$1" "select l.name, l.type, l.ncol, l.wr, l.strict from pragma_table_list l where l.schema = 'main' and l.name not like 'sqlite_%' order by l.name"
  sq "$1" "select m.name, p.* from sqlite_master m join pragma_table_xinfo(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid"
}
expect_same_catalog() {
  local a b; a=$(catalog "$1"); b=$(catalog "$2")
  [ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 20); bad "$3: the catalogs differ"; }
}

BEFORE="create table users (id integer primary key, email text not null, active integer not null default 1);
create table audit (id integer primary key, what text);
create view active_users as select id, email from users where active = 1;
create trigger users_audit after insert on users begin insert into audit (what) values ('insert ' || new.email); end;
create virtual table docs using fts5(title, body);
create table kv (k text primary key, v text) without rowid;"
AFTER="create table users (id integer primary key, email text not null, active integer not null default 1, name text);
create table audit (id integer primary key, what text);
create view active_users as select id, email, name from users where active = 1;
create view recent as select * from active_users order by id desc;
create trigger users_audit after insert on users begin insert into audit (what) values ('new ' || new.email); end;
create trigger recent_insert instead of insert on recent begin insert into users (email) values (new.email); end;
create virtual table docs using fts5(title, body);
create virtual table places using rtree(id, min_x, max_x);
create table kv (k text primary key, v text) without rowid, strict;"

t "schema:diff --run turns one database into the other and back, rows and triggers intact"
sq a.db "$BEFORE"; sq b.db "$AFTER"; sq before.db "$BEFORE"
sq a.db "insert into users (email) values ('a@x'), ('b@x'); insert into docs values ('t', 'b'); insert into kv values ('k', 'v')"
expect_rows() { local got; got=$(sq a.db "$1"); [ "$got" = "$2" ] || bad "$1 gave '$got', expected '$2'"; }
tide --url sqlite:a.db schema:diff --from sqlite:a.db --to sqlite:b.db; expect_rc 0
expect_out 'create view "recent"'; expect_out 'drop trigger "users_audit"'
expect_no 'docs_content'; expect_no 'create table "docs'
tide --url sqlite:a.db schema:diff --from sqlite:a.db --to sqlite:b.db --run; expect_rc 0
expect_same_catalog a.db b.db "after the diff"
tide --url sqlite:a.db schema:diff --from sqlite:a.db --to sqlite:b.db; expect_rc 0; expect_out "nothing to do"
expect_rows "select count(*) from audit" "2"
expect_rows "select email from recent order by email" $'a@x\nb@x'
expect_rows "select title from docs" "t"
expect_rows "select v from kv" "v"
sq a.db "insert into recent (email) values ('c@x')"
expect_rows "select what from audit order by id desc limit 1" "new c@x"
tide --url sqlite:a.db schema:diff --from sqlite:a.db --to sqlite:before.db --run; expect_rc 0
expect_same_catalog a.db before.db "back to before"
expect_rows "select count(*) from users" "3"
expect_rows "select count(*) from audit" "3"
expect_rows "select title from docs" "t"

t "schema:inspect --format lua, then schema:create: the same catalog, and nothing to update"
tide --url sqlite:b.db schema:inspect --format lua; expect_rc 0
expect_out 't.view "recent"'; expect_out 't.trigger "recent_insert"'; expect_out 't.virtualTable "places" [[rtree(id, min_x, max_x)]]'
expect_out ':strict()'; expect_no 'docs_content'
mkdir -p proj/schema; printf '%s\n' "$stdout" > proj/schema/app.lua
(cd proj && "$TIDE_BIN" --url sqlite:c.db schema:create --run >/dev/null) || bad "schema:create failed"
expect_same_catalog proj/c.db b.db "inspect -> create"
(cd proj && "$TIDE_BIN" --url sqlite:../b.db schema:update --dump) | grep -q "nothing to do" || bad "schema:update --dump has something to do"

t "a view, trigger or other object that SQLite cannot have is refused by name, nothing written"
mkdir -p bad/schema
cat > bad/schema/app.lua <<'LUA'
local t = require "tide.schema"
return { t.table "x" { t.col "id" :integer() :primary() }, t.materializedView "mv" [[select 1]] }
LUA
(cd bad && "$TIDE_BIN" --url sqlite:bad.db schema:create --run) > bad.out 2>&1; rc=$?; out=$(cat bad.out)
expect_rc 1; expect_out "materialized view mv: SQLite has no materialized views"
for kind in 't.collation "ci" [[provider = icu, locale = '"'und'"']]|collation ci: SQLite has no collations' \
            't.statistics "st" { table = "x", sql = [[create statistics st on id, id from x]] }|statistics st: SQLite has no statistics' \
            't.rule "r" { table = "x", sql = [[create rule r as on delete to x do instead nothing]] }|rule r: SQLite has no rules' \
            't.sequenceOwner "s" { table = "x", sql = "id" }|sequence owner s: SQLite has no sequence owners' \
            't.attachedIndex "a" { table = "x", sql = "x_pkey" }|attached index '"'a'"' is on '"'x'"', which is not a partition' \
            't.publication "p" [[for all tables]]|publication p: SQLite has no publications' \
            't.eventTrigger "e" [[on sql_drop execute function f()]]|event trigger e: SQLite has no event triggers' \
            't.textSearchConfiguration "c" [[copy = english]]|text search configuration c: SQLite has no text search configurations' \
            't.rangeType "r" [[subtype = integer]]|range type r: SQLite has no range types' \
            't.operator "===" [[function = f, leftarg = integer, rightarg = integer]]|operator ===: SQLite has no operators' \
            't.operatorClass "c" [[for type integer using btree as operator 1 <]]|operator class c: SQLite has no operator classes' \
            't.operatorFamily "f" [[using btree]]|operator family f: SQLite has no operator families' \
            't.cast "text as integer" [[with inout]]|cast text as integer: SQLite has no casts' \
            't.foreignDataWrapper "w" [[no handler]]|foreign data wrapper w: SQLite has no foreign data wrappers' \
            't.foreignServer "s" [[foreign data wrapper w]]|foreign server s: SQLite has no foreign servers' \
            't.foreignTable "f" [[(id integer) server s]]|foreign table f: SQLite has no foreign tables' \
            't.trigger "tr" { table = "x", enabled = "replica", sql = [[create trigger tr after insert on x begin select 1; end]] }|trigger tr: enabled = '"'replica'"' (a trigger that does not fire as by default) is PostgreSQL'"'"'s'; do
  rm -rf bad && mkdir -p bad/schema
  printf 'local t = require "tide.schema"\nreturn { t.table "x" { t.col "id" :integer() :primary() }, %s }\n' "${kind%%|*}" \
    > bad/schema/app.lua
  (cd bad && "$TIDE_BIN" --url sqlite:bad.db migration:create --name x) > bad.out 2>&1; rc=$?; out=$(cat bad.out)
  expect_rc 1; expect_out "${kind#*|}"
  [ ! -e bad/migrations ] || [ -z "$(ls bad/migrations)" ] || bad "a migration was written for ${kind%%|*}"
done

t "what only PostgreSQL has is refused by name on SQLite, nothing written"
pg_only() {   # $1: a table's DSL; $2: what the error must say
  rm -rf pgonly && mkdir -p pgonly/schema
  printf 'local t = require "tide.schema"\nreturn { %s }\n' "$1" > pgonly/schema/app.lua
  (cd pgonly && "$TIDE_BIN" --url sqlite:p.db migration:create --name x) > p.out 2>&1; rc=$?; out=$(cat p.out)
  expect_rc 1; expect_out "$2"; expect_out "is PostgreSQL's; SQLite has no such thing"
  [ ! -e pgonly/migrations ] || [ -z "$(ls pgonly/migrations)" ] || bad "a migration was written: $(ls pgonly/migrations)"
}
pg_only 't.table "ev" :partitionBy "range (at)" { t.col "id" :integer(), t.col "at" :date() }' "table ev: PARTITION BY"
pg_only 't.table "p" { t.col "id" :integer() :primary() }, t.table "c" :inherits "p" { t.col "x" :text() }' "table c: INHERITS"
pg_only 't.table "i" { t.col "id" :integer() :primary(), t.col "a" :text(), t.index { "a", include = { "id" } } }' "INCLUDE columns on an index"
pg_only 't.table "ui" { t.col "id" :integer() :primary(), t.col "a" :text(), t.unique { "a", include = { "id" } } }' "table ui, ui_a_key: INCLUDE columns of a unique constraint (include =)"
pg_only 't.table "pi" { t.col "id" :integer(), t.col "a" :text(), t.primary { "id", include = { "a" } } }' "table pi, pi_pkey: INCLUDE columns of a primary key (include =)"
pg_only 't.table "ao" { t.col "id" :integer() :primary(), t.col "a" :text() :attributeOptions "n_distinct=5" }' "table ao, a: attribute options of a column (:attributeOptions"
pg_only 't.table "w" { t.col "id" :integer() :primary(), t.col "a" :text(), t.index { "a", with = "fillfactor=70" } }' "storage parameters of an index (with =)"
pg_only 't.table "n" { t.col "id" :integer() :identity() :primary() }' "table n, id: an identity column"
pg_only 't.table "s" { t.col "id" :integer() :primary(), t.col "b" :text() :storage "external" }' "table s, b: SET STATISTICS / STORAGE / COMPRESSION"
pg_only 't.table "r" :rowLevelSecurity() { t.col "id" :integer() :primary() }' "table r: ROW LEVEL SECURITY"
pg_only 't.table "k" :clusterOn "k_pkey" { t.col "id" :integer() :primary() }' "table k: CLUSTER ON"
pg_only 't.table "ri" :replicaIdentity "full" { t.col "id" :integer() :primary() }' "table ri: REPLICA IDENTITY"
pg_only 't.table "cc" { t.col "id" :integer() :primary(), t.col "n" :integer(), t.check("cc_n", "n > 0", { comment = "positive" }) }' "table cc, cc_n: a comment on a constraint (comment =)"
pg_only 't.table "cu" { t.col "id" :integer() :primary(), t.col "n" :integer(), t.unique { "n", comment = "one each" } }' "table cu, cu_n_key: a comment on a constraint (comment =)"
pg_only 't.table "cp" { t.col "id" :integer(), t.primary { "id", comment = "the key" } }' "table cp, cp_pkey: a comment on a constraint (comment =)"
pg_only 't.table "p" { t.col "id" :integer() :primary() }, t.table "cf" { t.col "id" :integer() :primary(), t.col "p" :integer(), t.foreign { "p", table = "p", comment = "parent" } }' "table cf, cf_p_fkey: a comment on a constraint (comment =)"
pg_only 't.table "sq" { t.col "id" :serial() :primary() :sequenceComment "ids" }' "table sq, id: a comment on a column's own sequence (:sequenceComment)"
pg_only 't.table "p" { t.col "id" :integer() :primary(), t.col "o" :integer(), t.unique { "id", "o" } }, t.table "sn" { t.col "id" :integer() :primary(), t.col "p" :integer(), t.col "o" :integer(), t.foreign { "p", "o", table = "p", columns = { "id", "o" }, onDelete = "set null (p)" } }' "table sn, sn_p_o_fkey: ON DELETE SET NULL or SET DEFAULT of some columns"
pg_only 't.table "p" { t.col "id" :integer() :primary() }, t.table "mf" { t.col "id" :integer() :primary(), t.col "p" :integer(), t.foreign { "p", table = "p", matchFull = true } }' "table mf, mf_p_fkey: MATCH FULL of a foreign key (matchFull = true)"
pg_only 't.table "en" { t.col "id" :integer() :primary(), t.col "m" :enum("mood", { "ok", "sad" }, { comment = "feelings" }) }' "enum mood: a comment on an enum type"
pg_only 't.schema "billing" { comment = "invoices" }, t.table "x" { t.col "id" :integer() :primary() }' "schema billing: a comment on a namespace (t.schema { comment = })"
pg_only 't.table "x" { t.col "id" :integer() :primary() }, t.view "xv" { with = "security_barrier=true", sql = [[select id from x]] }' "view xv: with = 'security_barrier=true' (a view's options)"
pg_only 't.table "x" { t.col "id" :integer() :primary() }, t.view "xd" { columnDefaults = { id = "0" }, sql = [[select id from x]] }' "view xd: columnDefaults = (a view column's default)"

t "a table without columns: PostgreSQL's, refused by name on SQLite, nothing written"
rm -rf nocol && mkdir -p nocol/schema
printf 'local t = require "tide.schema"\nreturn { t.table "empty" {} }\n' > nocol/schema/app.lua
(cd nocol && "$TIDE_BIN" --url sqlite:p.db migration:create --name x) > p.out 2>&1; rc=$?; out=$(cat p.out)
expect_rc 1; expect_out "table empty: it has no columns; SQLite cannot make a table without columns (add t.col"
[ ! -e nocol/migrations ] || [ -z "$(ls nocol/migrations)" ] || bad "a migration was written: $(ls nocol/migrations)"

t "clusterOn naming no index of its table is an error naming it; nothing is written"
rm -rf badcl && mkdir -p badcl/schema
printf 'local t = require "tide.schema"\nreturn { t.table "k" :clusterOn "k_typo" { t.col "id" :integer() :primary() } }\n' > badcl/schema/app.lua
(cd badcl && "$TIDE_BIN" --url sqlite:p.db migration:create --name x) > p.out 2>&1; rc=$?; out=$(cat p.out)
expect_rc 1; expect_out "table k: clusterOn names 'k_typo', which is not one of its indexes"
[ ! -e badcl/migrations ] || [ -z "$(ls badcl/migrations)" ] || bad "a migration was written"
finish
