-- tide as a LuaRocks package: require "tide" (lua/tide/*.lua) with its
-- native core tide.core built from the project's C sources.
--   luarocks make rockspec/tide-0.1.0-1.rockspec --lua-version=5.4 --tree=DIR
-- (run from the top of the source tree; no network). Build needs cmake,
-- pkg-config and the development files of sqlite3, libpq and nettle
-- (found by CMake through pkg-config, so no external_dependencies here).
rockspec_format = "3.0"
package = "tide"
version = "0.1.0-1"
source = {
  url = "git+file://.",   -- built in place with `luarocks make`
}
description = {
  summary = "Database migrations in Lua with a native core (SQLite, PostgreSQL)",
  detailed = [[
tide runs migrations written in Lua (up/down functions), diffs schema
definitions against a snapshot and generates migrations. Its core is C
(SQLite embedded, PostgreSQL through libpq).]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
build = {
  type = "command",
  -- rockspec/CMakeLists.txt builds tide.core from ../src, ../drivers and the
  -- embedded ../lua/tide/*.lua (cmake/embed_lua.cmake)
  build_command = [[cmake -S rockspec -B build.luarocks -DCMAKE_BUILD_TYPE=Release "-DLUA_INCDIR=$(LUA_INCDIR)" >/dev/null && cmake --build build.luarocks --parallel]],
  install = {
    lib = {
      ["tide.core"] = "build.luarocks/core.so",
    },
    lua = {
      ["tide.backfill"] = "lua/tide/backfill.lua",
      ["tide.init"] = "lua/tide/init.lua",
      ["tide.schema"] = "lua/tide/schema.lua",
      ["tide.toolkit"] = "lua/tide/toolkit.lua",
      ["tide.util"] = "lua/tide/util.lua",
    },
  },
}
