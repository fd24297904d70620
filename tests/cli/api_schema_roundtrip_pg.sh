# Shapes of an API server's schema (issue 13; found running PostgREST's test
# fixtures through inspect -> create) on PostgreSQL (TIDE_TEST_PG_URL):
# overloads of a function whose arguments are row types of a namespace's
# tables ("f(api.items)": the dot is the argument's), domains named like
# MIME types ("application/vnd.api+json": a dot in the name), a domain over
# a table's row type with a function returning it (made after the table),
# the comments of a view's columns (PostgREST's API descriptions), of a
# materialized view's, a composite type's and a partition's, go
# schema:inspect --format lua -> schema:create --run to the same
# pg_dump --schema-only, and schema:update --dump then has nothing to do.
# A partition in another namespace than its table's (GitLab's
# gitlab_partitions_static) is carried in its own namespace (it was said by
# name, not carried; tests/cli/partition_namespaces_pg.sh goes further); a
# partition partitioned itself is carried. Shapes of a fourth set of
# applications' schemas go the same way: an enum with the empty label ''
# (a workspace manager's form types) and a PL/pgSQL function returning a
# composite type of the default namespace (a code-search server's audit
# transition columns: canonicalising the definitions replaced the live
# function with one returning the scratch namespace's copy of the type,
# which PostgreSQL refuses); a partition made LIKE its table and attached
# (a job queue's daily partitions) lacks its table's defaults, said by
# name as such.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=apirt
. "$(dirname "$0")/pg_db.inc"
pg_fresh_db a; A=$URL
pg_fresh_db b; B=$URL
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}

cat > api.sql <<'SQL'
CREATE SCHEMA api;
CREATE TABLE api.items (id bigint PRIMARY KEY);
CREATE TABLE api.items2 (id bigint PRIMARY KEY);
CREATE FUNCTION api.computed(api.items) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT true $$;
CREATE FUNCTION api.computed(api.items2) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT false $$;
CREATE FUNCTION first_item(api.items) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1.id = 1 $$;
CREATE DOMAIN api."application/vnd.api+json" AS jsonb;
CREATE DOMAIN "text/plain" AS text;
CREATE TABLE api.projects (id integer PRIMARY KEY, name text NOT NULL);
CREATE DOMAIN api.projects_domain AS api.projects;
CREATE FUNCTION api.project(id integer) RETURNS SETOF api.projects_domain LANGUAGE sql STABLE
  AS $$ SELECT p::api.projects_domain FROM api.projects p WHERE p.id = $1 $$;
CREATE VIEW api.project_names AS SELECT id, name FROM api.projects;
COMMENT ON VIEW api.project_names IS 'the names';
COMMENT ON COLUMN api.project_names.id IS 'the key';
COMMENT ON COLUMN api.project_names.name IS 'what it''s called';
CREATE TYPE pt AS (x integer, "Y" integer);
COMMENT ON COLUMN pt."Y" IS 'the y';
CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM api.items;
COMMENT ON COLUMN item_count.n IS 'how many';
CREATE TABLE ev (at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
COMMENT ON COLUMN ev_2026.body IS 'this year';
CREATE TYPE form_type AS ENUM ('', 'radio', 'multi-select');
CREATE TABLE params (id int PRIMARY KEY, form form_type DEFAULT ''::form_type NOT NULL);
CREATE TYPE transition_columns AS (state text, expired boolean);
CREATE FUNCTION row_to_transition_columns(rec record) RETURNS transition_columns LANGUAGE plpgsql
  AS $$ BEGIN RETURN (rec.state, rec.expired); END; $$;
SQL

t "the schema loads"
out=$(psql -q -v ON_ERROR_STOP=1 "$A" -f api.sql 2>&1) || bad "api.sql failed"

t "schema:inspect -> schema:create --run: the same pg_dump; nothing left to update"
mkdir -p proj/schema
tide --url "$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
grep -q "a dot in a name" proj/schema/app.lua && { out=$(head -20 proj/schema/app.lua); bad "inspect leaves a dotted name out"; }
grep -q 'columnComments = { \["id"\] = "the key", \["name"\] = "what it.s called" }' proj/schema/app.lua ||
  { out=$(grep -n columnComments proj/schema/app.lua); bad "inspect does not write the view's column comments"; }
(cd proj && "$TIDE_BIN" --url "$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
a=$(dump "$A"); b=$(dump "$B")
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the dumps differ (< inspected, > created)"; }
(cd proj && "$TIDE_BIN" --url "$B" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"
(cd proj && "$TIDE_BIN" --url "$A" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"

t "a partition in another namespace than its table's is carried there, one partitioned itself too; an index's operator class options are not"
out=$(psql -q -v ON_ERROR_STOP=1 "$A" 2>&1 <<'SQL'
CREATE TABLE ev_2027 PARTITION OF ev FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE ev_2027 SET SCHEMA api;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ev_body_trgm ON ev_2026 USING gist (body gist_trgm_ops(siglen=32));
CREATE TABLE ev_2028 PARTITION OF ev FOR VALUES FROM ('2028-01-01') TO ('2029-01-01') PARTITION BY LIST (body);
CREATE TABLE ev_2028_x PARTITION OF ev_2028 FOR VALUES IN ('x');
SQL
) || bad "the partition failed"
tide --url "$A" schema:inspect --format lua; expect_rc 0
expect_out 't.partition "api.ev_2027" { table = "public.ev"'
expect_no "in another namespace"
expect_out 't.partition "ev_2028" { table = "ev", sql = [[FOR VALUES FROM ('"'2028-01-01'"') TO ('"'2029-01-01'"') PARTITION BY LIST (body)]] }'
expect_out 't.partition "ev_2028_x" { table = "ev_2028"'
expect_no "partitioned itself"
expect_no "options (siglen"

t "a partition attached after CREATE TABLE ... LIKE, without its table's defaults, is carried as such (columnDefaults)"
out=$(psql -q -v ON_ERROR_STOP=1 "$A" 2>&1 <<'SQL'
CREATE TABLE task (id bigint NOT NULL, at date NOT NULL DEFAULT CURRENT_DATE, state text DEFAULT 'queued') PARTITION BY RANGE (at);
CREATE TABLE task_20261206 (LIKE task INCLUDING INDEXES);
ALTER TABLE task ATTACH PARTITION task_20261206 FOR VALUES FROM ('2026-12-06') TO ('2026-12-07');
SQL
) || bad "the partition failed"
tide --url "$A" schema:inspect --format lua; expect_rc 0
expect_out 't.partition "task_20261206" { table = "task", columnDefaults = { ["at"] = "null", ["state"] = "null" }'
expect_no "of a partition"
finish
