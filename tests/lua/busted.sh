#!/usr/bin/env bash
# Runs one busted spec under lua5.4 with tide's Lua files and the freshly
# built tide.core module first on the search paths.
set -euo pipefail
lua=$1 busted=$2 build=$3 spec=$4
src=$(cd "$(dirname "$0")/../.." && pwd)
export LUA_PATH="$src/lua/?.lua;$src/lua/?/init.lua;$src/tests/lua/?.lua;;"
export LUA_CPATH="$build/lua/?.so;;"
cd "$(dirname "$spec")"
# make test-asan: lua5.4 is not built with the sanitizers, the module is, so
# their runtime has to be loaded first (TIDE_LUA_PRELOAD: LD_PRELOAD for lua).
[ -n "${TIDE_LUA_PRELOAD:-}" ] && export LD_PRELOAD=$TIDE_LUA_PRELOAD
exec "$lua" "$busted" --output=TAP "$spec"
