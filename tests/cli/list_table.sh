# migration:list and migration:pending print their table from C (issue 20:
# 10,000 rows formatted in Lua were a quarter of migration:list's time); the
# columns are as tide.util's table made them: padded to the widest cell in
# UTF-8 characters, in bytes for a name that is not UTF-8.
. "$(dirname "$0")/lib.sh"
mkdir -p migrations
for n in "20250101000001_café" "20250101000002_ab" $'20250101000003_\xff\xff\xff\xff\xff\xff'; do
  echo 'return { up = function(m) end, down = function(m) end }' > "migrations/Migration$n.lua"
done

t "pending: one column, no padding"
tide migration:pending; expect_rc 0
[ "$stdout" = $'name\nMigration20250101000001_café\nMigration20250101000002_ab\nMigration20250101000003_\xff\xff\xff\xff\xff\xff' ] ||
  bad "pending printed something else"

t "list: columns padded in characters, bytes for what is not UTF-8"
tide migration:up; expect_rc 0
tide migration:list; expect_rc 0
expect_out "name                            executed at           duration  status"
expect_out "Migration20250101000001_café    2"
expect_out "Migration20250101000002_ab      2"
expect_out $'Migration20250101000003_\xff\xff\xff\xff\xff\xff  2'
expect_out "  0 ms      applied"

# The tracking table is read whole and sorted by tide (runner/tracking.c):
# rows recorded out of name order come out in it, and another module's rows
# in the same table are not this module's.
t "rows recorded out of name order are listed in it; another module's rows are left out"
rm -f tide.db
tide migration:log Migration20250101000002_ab; expect_rc 0
tide migration:log Migration20250101000001_café; expect_rc 0
cat > other.lua <<'LUA'
db:exec("insert into tide_migrations (module, name, checksum, executed_at, duration_ms, status) " ..
        "values ('other', 'Migration20250101000000_theirs', null, '2025-01-01T00:00:00Z', 0, 'applied')")
LUA
tide run other.lua; expect_rc 0
tide migration:list; expect_rc 0
[ "$(printf '%s\n' "$stdout" | sed -n '2p;3p' | cut -d' ' -f1)" = $'Migration20250101000001_café\nMigration20250101000002_ab' ] ||
  bad "not listed in name order"
expect_no "theirs"
tide migration:pending; expect_rc 0
expect_out $'Migration20250101000003_\xff'
expect_no "Migration20250101000001"
tide migration:down; expect_rc 0      # the last one recorded, not the last by name
expect_out "Migration20250101000001_café: reverted"
tide migration:list; expect_rc 0
expect_out "Migration20250101000002_ab"
expect_no "Migration20250101000001"

finish
