# Golden lint output at scale (issue 20, "lint in linear time"): what
# migration:create and migration:lint print about a large generated
# migration — every finding, its order, statement numbers, the "N more like
# it" lines, and with -v every finding — byte for byte what it was when the
# files under tests/cli/lint_golden/ were made, so a change made for speed
# that alters a finding fails here. Two schemas: golden_create/gen.lua (300
# entities changed in many ways: renames, drops, new tables, changed types,
# indexes) and the benchmark's create_gen.lua (400 entities, 1% changed), in
# both dialects; on SQLite the second is applied first and two tables get
# rows, so the live database (columns, rows) is read too. PostgreSQL without
# a server: the findings from the files alone (migration:lint offline).
# TIDE_GOLDEN_UPDATE=1 rewrites the golden files (review the diff!).
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/lib.sh"
golden=$here/lint_golden
PGURL="postgres://tide@127.0.0.1:1/golden?connect_timeout=2"

# norm: migration timestamps and the work folder out of the output
norm() { sed -E "s/Migration[0-9]{14}/MigrationTIMESTAMP/g; s#$work#WORK#g"; }

# run LABEL ARGS...: tide ARGS, its exit code and output (stderr after stdout) appended to $log
run() {
  local label=$1; shift
  tide "$@"
  { printf '==== %s (rc %s)\n' "$label" "$rc"; printf '%s\n' "$out" | norm; } >> "$log"
}

# against GOLDEN: $log byte for byte $golden/GOLDEN.gz
against() { expect_golden "$golden/$1.gz" "$log" "the lint output"; }

# project DIR URL GEN ARGS1...: a project in DIR whose first migration is made from GEN ARGS1
project() {
  local dir=$1 url=$2 gen=$3; shift 3
  mkdir -p "$dir/schema"; cd "$dir"
  lua5.4 "$gen" "$@" > schema/app.lua
  tide --url "$url" migration:create --name init; expect_rc 0; expect_out "Created migrations/"
  sleep 1    # the second migration's name sorts after the first's
}

# changed NAME URL GEN ARGS2...: from two copies of the project in $work/NAME,
# the change created with and without -v, then migration:lint (pending, -v, --all)
changed() {
  local name=$1 url=$2 gen=$3; shift 3
  log="$work/$name.log"; : > "$log"
  cp -r "$work/$name" "$work/$name-v"
  cd "$work/$name-v"; lua5.4 "$gen" "$@" > schema/app.lua
  run "-v migration:create" -v --url "${url//$name/$name-v}" migration:create --name change
  cd "$work/$name"; lua5.4 "$gen" "$@" > schema/app.lua
  run "migration:create" --url "$url" migration:create --name change
  run "migration:lint" --url "$url" migration:lint
  run "-v migration:lint" -v --url "$url" migration:lint
  run "migration:lint --all" --url "$url" migration:lint --all
  against "$name.golden"
  cd "$work"
}

GEN=$here/golden_create/gen.lua
BENCH=$here/../bench/create_gen.lua

t "SQLite: 300 entities changed in many ways, lint output byte for byte the golden file"
project "$work/sqlite-many" "sqlite:$work/sqlite-many/app.db" "$GEN" sqlite 300 1
changed sqlite-many "sqlite:$work/sqlite-many/app.db" "$GEN" sqlite 300 2

t "SQLite: 400 entities applied, two with rows, 1% changed: lint output byte for byte the golden file"
project "$work/sqlite-bench" "sqlite:$work/sqlite-bench/app.db" "$BENCH" 400
tide --url "sqlite:$work/sqlite-bench/app.db" migration:up; expect_rc 0
sqlite3 "$work/sqlite-bench/app.db" "insert into e00000 (c01, c06, c08, c12) values ('a', 1, 'u', 1.5);
  insert into e00100 (c01, c06, c08, c12) values ('b', 2, 'v', 2.5)" || bad "could not insert rows"
changed sqlite-bench "sqlite:$work/sqlite-bench/app.db" "$BENCH" 400 1

t "PostgreSQL (no server): 300 entities changed in many ways, lint output byte for byte the golden file"
project "$work/pg-many" "$PGURL" "$GEN" postgres 300 1
changed pg-many "$PGURL" "$GEN" postgres 300 2

t "PostgreSQL (no server): 400 entities, 1% changed, lint output byte for byte the golden file"
project "$work/pg-bench" "$PGURL" "$BENCH" 400
changed pg-bench "$PGURL" "$BENCH" 400 1

finish
