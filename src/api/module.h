/* module.h — the whole tide.core module and the Lua states tide creates
 * (api/module.c). Everything that makes or fills a Lua state for tide goes
 * through here, so the rooms below receive a ready state. */
#ifndef TIDE_API_MODULE_H
#define TIDE_API_MODULE_H

#include <lua.h>
#include "tide.h"

/* require "tide.core": the connection classes, open (tide.Migrator),
 * create_database, config_url, mask_url, version.   [-0, +1, m] */
int luaopen_tide_core(lua_State *L);

/* A new Lua state with the standard libraries, tide.core and every embedded
 * lua/tide module preloaded; NULL when out of memory. */
lua_State *tide_runtime_new(void);

/* Registers tide.core and the embedded modules in package.preload of a
 * state (for sandboxes that open only some libraries).   [-0, +0, m] */
void tide_runtime_preload(lua_State *L);

/* Registers tide.core (metatables included) and the embedded modules in a
 * host's state, as require would.   [-0, +0, e] */
void tide_runtime_register(lua_State *L);

/* Adds open() and the tide.Migrator metatable to the tide.core table at the
 * top of the stack (api/migrator.c).   [-0, +0, m] */
void tide_runtime_open_runner(lua_State *L);

/* Pushes a status list as a Lua list of tables (name, module, status,
 * executed_at, checksum, duration_ms, changed, missing).   [-0, +1, m] */
void tide_runtime_push_status_list(lua_State *L, const tide_status_list *l);

/* Pushes lint findings as a Lua list of tables { migration, statement, sql,
 * rule, severity ("error", "warning", "info"), message, fix }.  [-0, +1, m] */
void tide_runtime_push_lint_report(lua_State *L, const tide_lint_report *r);

/* Pushes a migration:test report as { ok, migrations, snapshotChecked,
 * scratch, problems = { {migration, step, message}, ... } }.   [-0, +1, m] */
void tide_runtime_push_test_report(lua_State *L, const tide_test_report *r);

/* Pushes a tide_modules_* report as a Lua list of { module, path, changes }
 * (done_key NULL: db:generate's) or of { module, <done_key> = status list }
 * (done_key "applied" or "reverted").   [-0, +1, m] */
void tide_runtime_push_module_report(lua_State *L, const tide_module_report *r, const char *done_key);

/* The configuration alone (api/open.c). tide.core.config_url([config]) ->
 * the URL tide.open(config) would connect to.   [-0, +1, e] */
int tide_runtime_config_url(lua_State *L);

/* Pushes the configuration opts names (config_file, url, verbose; the file
 * evaluated in L), resolved, as a table (url masked; tide debug), without
 * connecting. 0, or a negative code with nothing pushed.   [-0, +1|0, -] */
int tide_runtime_push_config(lua_State *L, const tide_options *opts, tide_err *err);

#endif
