# Shapes of an API server's schema (issue 13; found running PostgREST's test
# fixtures through inspect -> create) on PostgreSQL (TIDE_TEST_PG_URL):
# overloads of a function whose arguments are row types of a namespace's
# tables ("f(api.items)": the dot is the argument's), domains named like
# MIME types ("application/vnd.api+json": a dot in the name), a domain over
# a table's row type with a function returning it (made after the table),
# go schema:inspect --format lua -> schema:create --run to the same
# pg_dump --schema-only, and schema:update --dump then has nothing to do.
# The comment of a view's, a materialized view's, a composite type's or a
# partition's column, and a partition in another namespace than its table's
# (GitLab's gitlab_partitions_static), which tide does not carry, are said
# by name.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
A=tide_apirt_a_$$ B=tide_apirt_b_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $A"; admin "drop database if exists $B"; rm -rf "$work"' EXIT
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $A $B; do admin "drop database if exists $d"; admin "create database $d"; done

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
SQL

t "the schema loads"
out=$(psql -q -v ON_ERROR_STOP=1 "$base/$A" -f api.sql 2>&1) || bad "api.sql failed"

t "schema:inspect -> schema:create --run: the same pg_dump; nothing left to update"
mkdir -p proj/schema
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
grep -q "a dot in a name" proj/schema/app.lua && { out=$(head -20 proj/schema/app.lua); bad "inspect leaves a dotted name out"; }
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
a=$(dump $A); b=$(dump $B)
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the dumps differ (< inspected, > created)"; }
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"
(cd proj && "$TIDE_BIN" --url "$base/$A" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"

t "a view's, a type's or a partition's column comment, a partition in another namespace: said by name"
out=$(psql -q -v ON_ERROR_STOP=1 "$base/$A" 2>&1 <<'SQL'
CREATE TYPE pt AS (x integer, y integer);
COMMENT ON COLUMN pt.x IS 'the x';
CREATE VIEW item_ids AS SELECT id FROM api.items;
COMMENT ON COLUMN item_ids.id IS 'the id';
CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM api.items;
COMMENT ON COLUMN item_count.n IS 'how many';
CREATE TABLE ev (at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
COMMENT ON COLUMN ev_2026.body IS 'this year';
CREATE TABLE ev_2027 PARTITION OF ev FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE ev_2027 SET SCHEMA api;
SQL
) || bad "the comments failed"
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
for want in "composite type pt: the comment of column x" "view item_ids: the comment of column id" \
            "materialized view item_count: the comment of column n" "partition ev_2026: the comment of column body" \
            "partition api.ev_2027 of ev: in another namespace"; do
  case "$out" in *"$want"*) ;; *) bad "inspect does not say: $want" ;; esac
done
finish
