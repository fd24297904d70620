# Operators, operator classes and families, and casts on PostgreSQL
# (TIDE_TEST_PG_URL; issue 13: they were reported by name, not carried). A
# small schema in the style of an image board (written for this test: posts
# with a tag string, tags, aliases, favorites) whose search uses an
# operator of its own (a regular expression match with its arguments
# swapped, so that ANY (array) can take the pattern on the left), a btree
# class ordering a composite type with the index that uses it, a family
# with members of its own and a cast used by a default and a view: read as
# definitions (schema:inspect --format lua), they build a second database
# to the same pg_dump, read back the same, show no drift; schema:drop and
# migration:fresh drop them (an index before the class it uses).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/inspect_roundtrip.inc"
: "${TIDE_TEST_PG_URL:?TIDE_TEST_PG_URL must name the test cluster}"
base=${TIDE_TEST_PG_URL%/*}
hand_db="tide_ops_hand_$$" built_db="tide_ops_built_$$"
A="$base/$hand_db" B="$base/$built_db"
admin() { PGOPTIONS="-c client_min_messages=warning" psql -qAtX -v ON_ERROR_STOP=1 "$TIDE_TEST_PG_URL" "$@" >/dev/null; }
q() { psql -qAtX -F '|' -v ON_ERROR_STOP=1 "$1" -c "$2" 2>&1; }
dump() {
  pg_dump --schema-only --no-owner --no-privileges -T 'tide_migrations*' "$1" |
    grep -vE '^(--|SET |SELECT pg_catalog|\\(un)?restrict )' | sed '/^$/d' | sort
}
drop_dbs() { admin -c "drop database if exists $hand_db" -c "drop database if exists $built_db"; }
trap 'drop_dbs 2>/dev/null; rm -rf "$work"' EXIT
drop_dbs
admin -c "create database $hand_db" -c "create database $built_db" || { echo "cannot create the test databases"; exit 1; }

# The schema is SQL corpus case 210's after-database (the same shapes).
hand_sql=$(cd "$(dirname "$0")/../diff/sql/postgres/210_image_board_operators" && pwd)/after.sql
psql -q -X -v ON_ERROR_STOP=1 "$A" -f "$hand_sql" >/dev/null 2>&1 || { echo "the hand-written schema does not load"; exit 1; }

t "schema:inspect writes operators, classes, families and casts as definitions"
tide --url "$A" schema:inspect --format lua; expect_rc 0
for what in 't.operator "~<<" { comment = "pattern on the left", sql = [[function = reverse_textregexeq, leftarg = text, rightarg = text]] }' \
            't.operator "#=#" [[function = md5_pair_eq, leftarg = md5_pair, rightarg = md5_pair, commutator = #=#, restrict = eqsel, join = eqjoinsel]]' \
            't.operatorFamily "md5_pair_family" [[using btree]]' \
            't.operatorFamily "loose_int_ops" [[using btree add operator 1 <(integer,bigint), function 1 (integer, bigint) btint48cmp(integer,bigint)]]' \
            't.operatorClass "md5_pair_ops" [[default for type md5_pair using btree family md5_pair_family as operator 1 <#(md5_pair,md5_pair), operator 3 #=#(md5_pair,md5_pair), operator 5 #>(md5_pair,md5_pair), function 1 md5_pair_cmp(md5_pair,md5_pair)]]' \
            't.cast "text as md5_pair" [[with function md5_to_pair(text)]]'; do
  case "$stdout" in *"$what"*) ;; *) bad "schema:inspect does not write: $what" ;; esac
done
case "$out" in *"does not carry"*) bad "schema:inspect still reports what it carries" ;; esac
round_trip "$A" "$B" '"kind": "operator class"'

t "the database built from the definitions dumps as the one written by hand"
[ "$(dump "$A")" = "$(dump "$B")" ] || bad "pg_dump differs: $(diff <(dump "$A") <(dump "$B") | head -n 16)"

t "schema:drop drops them all, the index before the class it uses"
tide --url "$B" schema:drop --run; expect_rc 0
left=$(q "$B" "select (select count(*) from pg_operator o join pg_namespace n on n.oid = o.oprnamespace where n.nspname = 'public') + (select count(*) from pg_opclass c join pg_namespace n on n.oid = c.opcnamespace where n.nspname = 'public') + (select count(*) from pg_opfamily f join pg_namespace n on n.oid = f.opfnamespace where n.nspname = 'public') + (select count(*) from pg_cast where oid >= 16384)")
[ "$left" = 0 ] || bad "schema:drop left $left operators, classes, families or casts"

t "migration:fresh drops and makes them again"
tide --url "$B" migration:fresh; expect_rc 0
[ "$(dump "$A")" = "$(dump "$B")" ] || bad "after migration:fresh pg_dump differs: $(diff <(dump "$A") <(dump "$B") | head -n 16)"
[ "$(q "$B" "select count(*) from wildcard_tags")" = 0 ] || bad "the view using the operator is missing"

t "a shell operator no operator names is reported by name, not lost without a word"
psql -q -X -v ON_ERROR_STOP=1 "$A" -c "create operator !## (function = texteq, leftarg = text, rightarg = text, negator = ##!)" \
  -c "drop operator !## (text, text)" >/dev/null 2>&1 || bad "the shell operator is not made"
tide --url "$A" schema:inspect --format lua; expect_rc 0
expect_out "does not carry: shell operator ##!"
case "$stdout" in *'t.operator "##!"'*|*'t.operator "!##"'*) bad "a shell operator is written as an operator" ;; esac

finish
