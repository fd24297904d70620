# migration:test end to end on SQLite (cases in migtest_cases.inc); the
# scratch databases are temporary files in TMPDIR, here the test's folder.
. "$(dirname "$0")/lib.sh"
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
n=0
fresh_db() { n=$((n + 1)); URL="sqlite:$work/db$n.sqlite"; }
q() { sqlite3 -separator '|' "${URL#sqlite:}" "$1"; }
dump_schema() { q "select type, name, sql from sqlite_master order by name"; }
scratch_gone() { [ -z "$(ls -A "$TMPDIR")" ]; }
. "$(dirname "$0")/migtest_cases.inc"
cases

t "an unwritable TMPDIR is an error that says how to fix it"
fresh_db
mkdir -p migrations
TMPDIR=/nonexistent/dir tide --url "$URL" migration:test; expect_rc 1
expect_out "cannot create a scratch database in /nonexistent/dir (set TMPDIR"

finish
