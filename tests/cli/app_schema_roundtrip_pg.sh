# Shapes of real applications' schemas (issue 13; found running a fourth set
# of public PostgreSQL schemas through inspect -> create) on PostgreSQL
# (TIDE_TEST_PG_URL): an enum with the empty label '' (a workspace
# manager's form types), a PL/pgSQL function returning a composite type of
# the default namespace (a code-search server's audit-log transition
# columns: canonicalising the definitions replaced the live function with
# one returning the scratch namespace's copy of the type, which PostgreSQL
# refuses), go schema:inspect --format lua ->
# schema:create --run to the same pg_dump --schema-only, and
# schema:update --dump then has nothing to do on either database. A
# partition made LIKE its table and attached (a job queue's daily
# partitions) lacks its table's defaults: said by name as such.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=apprt
. "$(dirname "$0")/pg_db.inc"
pg_fresh_db a; A=$URL
pg_fresh_db b; B=$URL
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}

cat > app.sql <<'SQL'
CREATE TYPE form_type AS ENUM ('', 'radio', 'multi-select');
CREATE TABLE params (id int PRIMARY KEY, form form_type DEFAULT ''::form_type NOT NULL);
CREATE TYPE transition_columns AS (state text, expired boolean);
CREATE FUNCTION row_to_transition_columns(rec record) RETURNS transition_columns LANGUAGE plpgsql
  AS $$ BEGIN RETURN (rec.state, rec.expired); END; $$;
SQL

t "the schema loads"
out=$(psql -q -v ON_ERROR_STOP=1 "$A" -f app.sql 2>&1) || bad "app.sql failed"

t "schema:inspect -> schema:create --run: the same pg_dump; nothing left to update"
mkdir -p proj/schema
tide --url "$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
(cd proj && "$TIDE_BIN" --url "$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
a=$(dump "$A"); b=$(dump "$B")
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the dumps differ (< inspected, > created)"; }
(cd proj && "$TIDE_BIN" --url "$B" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"
(cd proj && "$TIDE_BIN" --url "$A" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"

t "a partition attached after CREATE TABLE ... LIKE, without its table's default, is said by name as such"
out=$(psql -q -v ON_ERROR_STOP=1 "$A" 2>&1 <<'SQL'
CREATE TABLE task (id bigint NOT NULL, at date NOT NULL DEFAULT CURRENT_DATE, state text DEFAULT 'queued') PARTITION BY RANGE (at);
CREATE TABLE task_20261206 (LIKE task INCLUDING INDEXES);
ALTER TABLE task ATTACH PARTITION task_20261206 FOR VALUES FROM ('2026-12-06') TO ('2026-12-07');
SQL
) || bad "the partition failed"
tide --url "$A" schema:inspect --format lua; expect_rc 0
expect_out "column task_20261206.at of a partition: no default (its table's is CURRENT_DATE"
expect_out "column task_20261206.state of a partition: no default (its table's is 'queued'::text"
finish
