#!/usr/bin/env bash
# Packaging: `cmake --install` of the build tree into a temporary prefix, then
# the installed pieces used the ways a user would: a C program through
# pkg-config (shared, and static with --static), a CMake project through
# find_package(tide) and tide::tide, plain lua5.4 requiring tide from the
# prefix, and `luarocks make` of rockspec/tide-0.1.0-1.rockspec into a tree.
# luarocks is skipped (with a message) only when it is missing outside CI.
. "$(dirname "$0")/lib.sh"
: "${TIDE_SOURCE_DIR:?}" "${TIDE_BUILD_DIR:?}"

prefix=$work/prefix
# run CMD...: like tide() for any command; sets $out and $rc
run() { out=$("$@" 2>&1 </dev/null); rc=$?; }

t "cmake --install into a prefix"
run cmake --install "$TIDE_BUILD_DIR" --prefix "$prefix"
expect_rc 0
for f in bin/tide lib/libtide.a lib/libtide.so lib/libtide.so.0 include/tide.h \
         share/lua/5.4/tide/init.lua lib/lua/5.4/tide/core.so lib/pkgconfig/tide.pc \
         lib/cmake/tide/tideConfig.cmake lib/cmake/tide/tideConfigVersion.cmake; do
  [ -e "$prefix/$f" ] || bad "not installed: $f"
done
for f in "$TIDE_SOURCE_DIR"/lua/tide/*.lua; do
  [ -f "$prefix/share/lua/5.4/tide/${f##*/}" ] || bad "not installed: share/lua/5.4/tide/${f##*/}"
done

t "installed tide --version"
TIDE_BIN=$prefix/bin/tide
tide --version
expect_rc 0
expect_out "tide 0.1.0"

t "man page and bash completion (when the binary has tide man / completion)"
if "$TIDE_BIN" man >/dev/null 2>&1; then
  [ -s "$prefix/share/man/man1/tide.1" ] || bad "share/man/man1/tide.1 not installed"
  grep -q '^\.TH' "$prefix/share/man/man1/tide.1" 2>/dev/null || bad "tide.1 has no .TH"
else
  echo "  (tide man is not there: no man page expected)"
fi
if "$TIDE_BIN" completion bash >/dev/null 2>&1; then
  [ -s "$prefix/share/bash-completion/completions/tide" ] || bad "bash completion not installed"
  out=$(bash -n "$prefix/share/bash-completion/completions/tide" 2>&1) || bad "completion script: syntax error"
else
  echo "  (tide completion bash is not there: no completion expected)"
fi

# A project for the C programs: one migration, pending.
mkdir -p "$work/proj/migrations"
cat > "$work/proj/tide.lua" <<'LUA'
return { url = "sqlite:proj.db" }
LUA
cat > "$work/proj/migrations/Migration20260101000000_a.lua" <<'LUA'
return { up = function(m) m:addSql "create table a (id integer)" end,
         down = function(m) m:addSql "drop table a" end }
LUA
mkdir -p "$work/c"
cp "$TIDE_SOURCE_DIR/examples/embed.c" "$work/c/main.c"      # the README's C example
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
expect_prog_out() {
  expect_out "dialect sqlite, inserted 2"
  expect_out "pending Migration20260101000000_a"
  expect_out "applied Migration20260101000000_a"
  expect_out "1 migration(s) applied"
  expect_out "version 0.1.0"
}

t "C program through pkg-config (shared libtide)"
run pkg-config --modversion tide
expect_out "0.1.0"
run cc -o "$work/c/shared" "$work/c/main.c" $(pkg-config --cflags --libs tide)
expect_rc 0
(cd "$work/proj" && rm -f proj.db proj.db.tide-lock && LD_LIBRARY_PATH=$prefix/lib "$work/c/shared") >"$work/c/out" 2>&1; rc=$?
out=$(cat "$work/c/out")
expect_rc 0
expect_prog_out

# libtide.a with its dependencies as listed by tide.pc (Requires.private,
# Libs.private), linked as shared libraries. libpq is not among them: tide
# loads it with dlopen at the first PostgreSQL connection (-ldl).
t "C program with libtide.a and the private dependencies of tide.pc"
run pkg-config --static --libs tide
expect_rc 0
expect_out "-lm"
reqs=$(pkg-config --print-requires-private tide | awk '{print $1}' | tr '\n' ' ')
for r in lua5.4 sqlite3 nettle; do
  case " $reqs " in *" $r "*) ;; *) bad "tide.pc Requires.private lacks $r (has: $reqs)" ;; esac
done
case " $reqs " in *" libpq "*) bad "tide.pc names libpq, which tide loads at run time" ;; esac
libs="$(pkg-config --libs $reqs) -ldl -lm"
run cc -o "$work/c/static" "$work/c/main.c" $(pkg-config --cflags tide) -L"$prefix/lib" -l:libtide.a $libs
expect_rc 0
(cd "$work/proj" && rm -f proj.db proj.db.tide-lock && "$work/c/static") >"$work/c/out" 2>&1; rc=$?
out=$(cat "$work/c/out")
expect_rc 0
expect_prog_out
readelf -d "$work/c/static" 2>/dev/null | grep -q 'libtide\.so' && bad "static build still needs libtide.so"

t "CMake project with find_package(tide) and tide::tide"
mkdir -p "$work/cm"
cp "$work/c/main.c" "$work/cm/main.c"
cat > "$work/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(uses_tide C)
find_package(tide 0.1 REQUIRED)
add_executable(uses_tide main.c)
target_link_libraries(uses_tide PRIVATE tide::tide)
add_executable(uses_tide_static main.c)
target_link_libraries(uses_tide_static PRIVATE tide::tide_static)
CM
run cmake -S "$work/cm" -B "$work/cm/build" -DCMAKE_PREFIX_PATH="$prefix"
expect_rc 0
run cmake --build "$work/cm/build" --parallel
expect_rc 0
for exe in uses_tide uses_tide_static; do
  (cd "$work/proj" && rm -f proj.db proj.db.tide-lock && "$work/cm/build/$exe") >"$work/c/out" 2>&1; rc=$?
  out=$(cat "$work/c/out")
  expect_rc 0
  expect_prog_out
done

lua_check='local tide = require "tide"; local db = tide.connect("sqlite::memory:"); print(db:exec("select 1 as x")[1].x); print(package.searchpath("tide.core", package.cpath))'

t "lua5.4 requires tide from the prefix"
run env LUA_PATH="$prefix/share/lua/5.4/?.lua;$prefix/share/lua/5.4/?/init.lua" \
        LUA_CPATH="$prefix/lib/lua/5.4/?.so" lua5.4 -e "$lua_check"
expect_rc 0
[ "$(printf '%s\n' "$out" | head -n 1)" = 1 ] || bad "expected 1 on the first line"
expect_out "$prefix/lib/lua/5.4/tide/core.so"

t "the rockspec installs every lua/tide/*.lua"
for f in "$TIDE_SOURCE_DIR"/lua/tide/*.lua; do
  grep -q "\"lua/tide/${f##*/}\"" "$TIDE_SOURCE_DIR/rockspec/tide-0.1.0-1.rockspec" ||
    bad "rockspec/tide-0.1.0-1.rockspec does not install lua/tide/${f##*/}"
done

if command -v luarocks >/dev/null 2>&1; then
  t "luarocks make of the rockspec into a tree, then lua5.4 requires tide"
  # a copy of what the rock builds from, so the source tree stays clean
  src=$work/rocksrc tree=$work/rocktree
  mkdir -p "$src"
  cp -r "$TIDE_SOURCE_DIR"/{rockspec,src,drivers,lua,cmake} "$src"/
  run env HOME="$work" sh -c "cd '$src' && luarocks make rockspec/tide-0.1.0-1.rockspec --lua-version=5.4 --tree='$tree'"
  expect_rc 0
  expect_out "tide 0.1.0-1 is now installed"
  paths=$(HOME="$work" luarocks path --lua-version=5.4 --tree="$tree" 2>&1) || bad "luarocks path failed: $paths"
  run env -u LUA_PATH -u LUA_CPATH -u LUA_PATH_5_4 -u LUA_CPATH_5_4 sh -c "$paths
    cd '$work' && lua5.4 -e '$lua_check'"
  expect_rc 0
  [ "$(printf '%s\n' "$out" | head -n 1)" = 1 ] || bad "expected 1 on the first line"
  expect_out "$tree/lib/lua/5.4/tide/core.so"
elif [ -n "${CI:-}" ]; then
  t "luarocks make of the rockspec"
  bad "luarocks is not installed, and CI must run this (scripts/deps.sh test installs it)"
else
  echo "skip - luarocks make of the rockspec: luarocks is not installed (apt-get install luarocks; CI runs it)"
fi

finish
