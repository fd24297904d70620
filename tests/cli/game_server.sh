# The "game server" of examples/: plain lua5.4 (not the tide binary) with
# tide's Lua module, migrating its own SQLite database at start-up from
# migrations bundled in the script, then working; a restart finds nothing
# to migrate and keeps the data.
. "$(dirname "$0")/lib.sh"
export LUA_PATH="$TIDE_SOURCE_DIR/lua/?.lua;$TIDE_SOURCE_DIR/lua/?/init.lua;;"
export LUA_CPATH="$TIDE_BUILD_DIR/lua/?.so;;"
server() { out=$(lua5.4 "$TIDE_SOURCE_DIR/examples/game_server.lua" "$work/game.db" 2>&1); rc=$?; }

t "the first start migrates the database and serves"
server; expect_rc 0
expect_out "start-up: 3 migration(s) applied, 0 pending"
expect_out "ada    score 100 level 2"
expect_out "matches played: 3"

t "a restart has nothing to migrate and keeps the data"
server; expect_rc 0
expect_out "start-up: 0 migration(s) applied, 0 pending"
expect_out "ada    score 200 level 3"
expect_out "matches played: 6"
[ "$(sqlite3 "$work/game.db" "select count(*) from tide_migrations")" = 3 ] || bad "tracking rows"

finish
