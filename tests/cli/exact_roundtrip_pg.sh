# Issue 19's round trip on PostgreSQL (TIDE_TEST_PG_URL): one schema holding
# every detail of the list at once — bigserial and serial keys, a default and
# an index expression that need their parentheses, mixed-case domain, type,
# enum and table names, two enums, a check NO INHERIT and CLUSTER ON, column
# statistics, storage and compression, a serial's own sequence options, a
# standalone sequence behind a default, a NULLS NOT DISTINCT unique index — goes schema:inspect --format lua ->
# schema:create --run to the same pg_dump --schema-only, and schema:update
# --dump then has nothing to do; the definitions read back say the same.
. "$(dirname "$0")/lib.sh"
base=${TIDE_TEST_PG_URL%/*}
A=tide_exact_a_$$ B=tide_exact_b_$$
admin() { psql -qAt "$TIDE_TEST_PG_URL" -c "$1" >/dev/null 2>&1; }
trap 'admin "drop database if exists $A"; admin "drop database if exists $B"; rm -rf "$work"' EXIT
dump() {
  pg_dump --schema-only --no-owner --no-privileges "$base/$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
for d in $A $B; do admin "drop database if exists $d"; admin "create database $d"; done

cat > exact.sql <<'SQL'
CREATE DOMAIN "Name" AS text CHECK (length(VALUE) > 0);
CREATE TYPE "Point2" AS (x double precision, y double precision);
CREATE TYPE "Mood" AS ENUM ('Happy', 'sad');
CREATE TYPE level AS ENUM ('low', 'high');
CREATE SEQUENCE order_no AS bigint START WITH 10000 INCREMENT BY 10;
CREATE TABLE "Customer" (
  id bigserial PRIMARY KEY,
  "Name" "Name" NOT NULL,
  "Where" "Point2",
  mood "Mood" NOT NULL DEFAULT 'Happy',
  at timestamp DEFAULT (now() AT TIME ZONE 'utc'),
  vip boolean NOT NULL DEFAULT 't'
);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  no bigint NOT NULL DEFAULT nextval('order_no'),
  customer_id bigint NOT NULL REFERENCES "Customer" (id),
  qty integer NOT NULL,
  price integer,
  urgency level,
  body text,
  flags varbit(5),
  due timestamptz DEFAULT now() + interval '1 day',
  CONSTRAINT orders_qty CHECK (qty > 0) NO INHERIT
);
ALTER SEQUENCE orders_id_seq START WITH 10000000 CACHE 5;
CREATE INDEX orders_big ON orders ((CASE WHEN qty > 1 THEN price END));
CREATE INDEX orders_customer ON orders (customer_id, id DESC);
CREATE UNIQUE INDEX orders_one_urgent ON orders (customer_id, urgency) NULLS NOT DISTINCT;
ALTER TABLE orders CLUSTER ON orders_customer;
ALTER TABLE orders ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE orders ALTER COLUMN body SET COMPRESSION pglz;
ALTER TABLE orders ALTER COLUMN qty SET STATISTICS 500;
SQL

t "the schema loads"
out=$(psql -q -v ON_ERROR_STOP=1 "$base/$A" -f exact.sql 2>&1) || bad "exact.sql failed"

t "schema:inspect -> schema:create --run: the same pg_dump; nothing left to update"
mkdir -p proj/schema
tide --url "$base/$A" schema:inspect --format lua; expect_rc 0
printf '%s\n' "$stdout" > proj/schema/app.lua
for want in 'type "\"Name\""' ':clusterOn "orders_customer"' ':storage "external"' ':compression "pglz"' \
            ':statistics(500)' 'noInherit = true' 'nullsNotDistinct = true' 't.sequence "order_no"' 'start with 10000000'; do
  grep -qiF -- "$want" proj/schema/app.lua || { out=$(cat proj/schema/app.lua); bad "inspect does not write: $want"; }
done
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:create --run) > create.out 2>&1 || { out=$(cat create.out); bad "schema:create --run failed"; }
a=$(dump $A); b=$(dump $B)
[ "$a" = "$b" ] || { out=$(diff <(printf '%s\n' "$a") <(printf '%s\n' "$b") | head -n 30); bad "the dumps differ (< inspected, > created)"; }
(cd proj && "$TIDE_BIN" --url "$base/$B" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"
(cd proj && "$TIDE_BIN" --url "$base/$A" schema:update --dump) > update.out 2>&1
out=$(cat update.out); expect_out "nothing to do"

t "the created database inspects as the definitions say"
tide --url "$base/$B" schema:inspect --format lua; expect_rc 0
[ "$stdout" = "$(cat proj/schema/app.lua)" ] || { out=$(diff proj/schema/app.lua <(printf '%s\n' "$stdout") | head -20); bad "inspect of the created database differs"; }
finish
