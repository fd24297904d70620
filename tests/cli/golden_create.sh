# Golden files of migration:create (issue 20): for the same definitions,
# migration:create writes byte for byte what it wrote when the files under
# tests/cli/golden_create/ were made. A generated schema of 300 entities
# (gen.lua: many column types, defaults, nullability, enums, checks, unique,
# partial and expression indexes, foreign keys with actions, views, triggers
# and other objects) is created from empty, then changed (renames, drops,
# new tables, changed types) in both dialects; the migrations and the
# snapshot are compared, timestamps and the definitions' digest normalised.
# paths.lua takes each path of a table's definition while a folder loads
# (the C column builders straight into the model, and the Lua path), made
# from empty in both dialects and compared the same way.
# No server: PostgreSQL's migrations are written from the files alone.
# TIDE_GOLDEN_UPDATE=1 rewrites the golden files (review the diff!).
here=$(cd "$(dirname "$0")" && pwd)/golden_create
. "$(dirname "$0")/lib.sh"
N=300

# collect DIR: the migrations and the snapshot, in order, normalised
collect() {
  local f
  for f in "$1"/migrations/Migration*.lua "$1"/migrations/.snapshot-*.json; do
    printf '==== %s\n' "$(basename "$f" | sed -E 's/Migration[0-9]{14}/MigrationTIMESTAMP/')"
    sed -E 's/Migration[0-9]{14}/MigrationTIMESTAMP/g; s/^(  "definitions": "sha256:)[0-9a-f]*/\1DIGEST/' "$f"
  done
}

# against GOLDEN GOT: GOT byte for byte $here/GOLDEN (gzipped)
against() { expect_golden "$here/$1" "$2" "what migration:create wrote"; }

golden() {   # golden DIALECT URL
  local d=$1 url=$2 p="$work/$1"
  mkdir -p "$p/schema"; cd "$p"
  lua5.4 "$here/gen.lua" "$d" $N 1 > schema/app.lua
  tide --url "$url" migration:create --name init; expect_rc 0; expect_out "Created migrations/"
  sleep 1    # the second migration's name sorts after the first's
  lua5.4 "$here/gen.lua" "$d" $N 2 > schema/app.lua
  tide --url "$url" migration:create --name change; expect_rc 0; expect_out "Created migrations/"
  collect "$p" > "$work/$d.got"
  against "$d.golden.gz" "$work/$d.got"
  cd "$work"
}

# paths DIALECT URL: paths.lua (each path of a t.table call while a folder
# loads, C column builders and Lua ones) from empty, against paths.DIALECT.golden.gz
paths() {
  local d=$1 url=$2 p="$work/paths-$1"
  mkdir -p "$p/schema"; cd "$p"
  cp "$here/paths.lua" schema/app.lua
  tide --url "$url" migration:create --name init; expect_rc 0; expect_out "Created migrations/"
  collect "$p" > "$work/paths-$d.got"
  against "paths.$d.golden.gz" "$work/paths-$d.got"
  cd "$work"
}

t "SQLite: from empty, then changed, byte for byte the golden files"
golden sqlite "sqlite:$work/sqlite.db"

t "PostgreSQL (no server): from empty, then changed, byte for byte the golden files"
golden postgres "postgres://tide@127.0.0.1:1/golden?connect_timeout=2"

t "SQLite: each path of a table's definition, byte for byte the golden file"
paths sqlite "sqlite:$work/paths.db"

t "PostgreSQL (no server): each path of a table's definition, byte for byte the golden file"
paths postgres "postgres://tide@127.0.0.1:1/golden?connect_timeout=2"

finish
