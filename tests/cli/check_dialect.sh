# scripts/check_dialect.sh: the tree passes, and each kind of dialect
# knowledge planted outside drivers/ is named by file:line, while comments,
# drivers/ and generic text are left alone.
. "$(dirname "$0")/lib.sh"
: "${TIDE_SOURCE_DIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
check="$TIDE_SOURCE_DIR/scripts/check_dialect.sh"

run_check() {
  local errf="$work/.stderr"
  stdout=$("$check" "$@" 2>"$errf"); rc=$?
  out="$stdout"$'\n'"$(cat "$errf")"
}

t "the source tree keeps dialect knowledge in drivers/"
run_check "$TIDE_SOURCE_DIR"; expect_rc 0; expect_out "check_dialect: ok"

t "each kind of dialect knowledge outside drivers/ is named by file:line"
mkdir -p tree/src/core tree/lua/tide tree/drivers/sqlite
cat > tree/src/core/bad.c <<'C'
/* a comment may say "sqlite", sqlite_master and PRAGMA foreign_keys */
static int f(const char *name, const char *url)
{
    // strcmp(name, "postgres") in a line comment is fine too
    if (!strcmp(name, "sqlite"))
        return 1;
    if (!strncmp(url, "postgresql://", 13))
        return 2;
    q("select sql from sqlite_master");
    q("SELECT 1 FROM pg_database WHERE datname = ?");
    drv = &tide_postgres_driver;
    q("create  database x");
    puts("write url = \"sqlite:app.db\" // not a comment");
    puts("/* not a comment either */ PRAGMA foreign_keys = on");
    return 0; /* "postgres" in a trailing
                 block comment, over two lines: sqlite_master */
}
C
cat > tree/lua/tide/bad.lua <<'LUA'
-- m.db.dialect == "postgres" in a comment
--[[ information_schema
     in a long comment ]]
local s = "-- not a comment: pg_catalog"
if m.db.dialect == 'sqlite' then end
if "postgres" ~= db.dialect then end
local rows = m:execute([[select name
  from pragma_table_info(?)]], t)
LUA
cat > tree/drivers/sqlite/fine.c <<'C'
static const char *q = "select sql from sqlite_master"; /* drivers/ may */
C
run_check tree; expect_rc 1
for hit in src/core/bad.c:5: src/core/bad.c:7: src/core/bad.c:9: src/core/bad.c:10: \
           src/core/bad.c:11: src/core/bad.c:12: src/core/bad.c:14: lua/tide/bad.lua:4: \
           lua/tide/bad.lua:5: lua/tide/bad.lua:6: lua/tide/bad.lua:8:; do
  expect_out "$hit"
done
for miss in bad.c:1: bad.c:4: bad.c:13: bad.c:15: bad.c:16: bad.lua:1: bad.lua:2: bad.lua:3: \
            bad.lua:7: drivers/sqlite; do
  expect_no "$miss"
done
expect_out "src/core/bad.c:5: a dialect's name compared or named in code"
expect_out "src/core/bad.c:7: a URL scheme compared"
expect_out "src/core/bad.c:11: a driver picked by name"
expect_out "lua/tide/bad.lua:6: db.dialect compared"
expect_out "lua/tide/bad.lua:8: catalog SQL"

finish
