# migration:test end to end on PostgreSQL (cases in migtest_cases.inc), each
# case's configured database fresh in the test cluster (TIDE_TEST_PG_URL);
# the scratch databases must be gone from pg_database after every run.
. "$(dirname "$0")/lib.sh"
PG_DB_PREFIX=migtest PG_DB_POOL=1   # through the pool (TIDE_TEST_POOL_URL, pg_db.inc)
. "$(dirname "$0")/pg_db.inc"
dump_schema() {
  q "select table_name, column_name, data_type, column_default from information_schema.columns
     where table_schema = 'public' order by 1, 2"
  q "select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1"
}
scratch_names=""
scratch_gone() {
  local name
  name=$(printf '%s' "$out" | grep -o 'tide_test_[0-9_]*' | head -n 1)
  [ -n "$name" ] || { echo "  (no scratch database named in the output)"; return 0; }
  scratch_names="$scratch_names${scratch_names:+, }'$name'"
  [ "$(psql -qAt "$admin" -c "select count(*) from pg_database where datname = '$name'")" = 0 ]
}
. "$(dirname "$0")/migtest_cases.inc"
cases

# (those the runs named: other tests beside this one make scratch databases
# of their own, which a count of every tide_test_% would see)
t "no scratch database is left behind in the cluster"
[ -n "$scratch_names" ] || bad "no run named its scratch database"
expect_q_admin=$(psql -qAt "$admin" -c "select count(*) from pg_database where datname in (${scratch_names:-''})")
[ "$expect_q_admin" = 0 ] || bad "$expect_q_admin scratch databases are left"

t "a role that may not create databases gets an error saying so"
fresh_db
psql -qAt "$admin" -c "drop role if exists tide_nocreate" -c "create role tide_nocreate login password 'pw' nocreatedb" >/dev/null
psql -qAt "$admin" -c "grant all on database ${URL##*/} to tide_nocreate" >/dev/null
mkdir -p migrations
# directly, not through the pool (which logs every client in as tide)
direct=${TIDE_TEST_PG_URL%/*}/${URL##*/}
nocreate_url=$(printf '%s' "$direct" | sed -E 's#://[^@/]*@#://tide_nocreate:pw@#; t; s#://#://tide_nocreate:pw@#')
tide --url "$nocreate_url" migration:test; expect_rc 1
expect_out "cannot create the scratch database (the role needs CREATEDB)"
expect_no "pw@"
psql -qAt "$admin" -c "drop owned by tide_nocreate" -c "drop role tide_nocreate" >/dev/null 2>&1 || true

finish
