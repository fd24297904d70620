/* runtime.h — the embedded Lua 5.4 runtime: the lower tide.core (database
 * handles for Lua), the preloaded lua/tide modules, and protected
 * entry points that turn Lua errors into tide_err values. */
#ifndef TIDE_RUNTIME_H
#define TIDE_RUNTIME_H

#include <lua.h>
#include <lauxlib.h>
#include "tide.h"
#include "core/buf.h"

/* The lower half of tide.core: the metatables of tide.Conn, tide.Stmt,
 * tide.Cursor, tide.Blob and tide.Error, and a new table with connect,
 * blob, error, checkSchema, mask_url, version and Error. The whole module
 * (with the runner) is api/module.h's luaopen_tide_core.   [-0, +1, m] */
int tide_runtime_open_base(lua_State *L);

/* Pushes a handle over a connection owned by C code: closing or collecting
 * the handle never closes conn.   [-0, +1, m] */
void tide_runtime_push_borrowed_conn(lua_State *L, tide_conn *conn);

/* The connection of the tide.Conn at idx; NULL when closed or not one. */
tide_conn *tide_runtime_conn_of(lua_State *L, int idx);

/* Closes the tide.Conn at idx now (a borrowed one is only detached). */
void tide_runtime_release_conn(lua_State *L, int idx);

/* Pushes a new connection handle (tide.Conn) for url.   [-0, +1, e]
 * Raises a tide.Error when the connection fails. */
int tide_runtime_push_conn(lua_State *L, const char *url);

/* Calls the function below nargs arguments on the stack under lua_pcall with
 * a traceback handler; on failure fills err (TIDE_ELUA, or the code of a
 * tide.Error) with "file:line: message" and pops everything it pushed.
 * On success leaves nresults results.   [-(nargs+1), +(nresults|0), -] */
int tide_runtime_pcall(lua_State *L, int nargs, int nresults, tide_err *err);

/* Loads a Lua text chunk from path (binary chunks are refused), named
 * "@path" so errors say path:line.   [-0, +1 (on success), -] */
int tide_runtime_loadfile(lua_State *L, const char *path, const char *display, tide_err *err);

/* The same, with an environment of its own for the chunk: setmetatable({},
 * { __index = _G }), so that what a file (a migration, a seeder, a schema
 * file) sets as globals stays in it. Named "@path".
 * [-0, +1 (on success), -] */
int tide_runtime_loadfile_sandboxed(lua_State *L, const char *path, tide_err *err);

/* tide_runtime_loadfile of text already read (len bytes, named "@display"),
 * and its sandboxed form: text NULL reads path.   [-0, +1 (on success), -] */
int tide_runtime_loadtext(lua_State *L, const char *text, size_t len, const char *display, tide_err *err);
int tide_runtime_loadtext_sandboxed(lua_State *L, const char *path, const char *text, size_t len,
                                    tide_err *err);

/* Whether a sandboxed chunk run since the last reset reached outside its own
 * text: io, os, dofile, loadfile, load, package, debug, collectgarbage, _G, or
 * require of a module other than tide's. The definitions' digest is trusted
 * only when none did (migration:create answers "No changes" from it). */
void tide_runtime_outside_reset(lua_State *L);
int  tide_runtime_reads_outside(lua_State *L);

/* Pushes the bytes of b as a string and frees b, also when the push runs
 * out of memory.   [-0, +1, m] */
int tide_runtime_push_free(lua_State *L, tide_buf *b);

/* The Lua value at idx as a parameter (nil, boolean, number, string,
 * tide.blob); strings stay borrowed from the stack. -1 for any other
 * type.   [-0, +0, -] */
int tide_runtime_value(lua_State *L, int idx, tide_value *v);
/* Pushes a value read from a row (NULL as nil).   [-0, +1, m] */
void tide_runtime_push_value(lua_State *L, const tide_value *v);
/* Raises err as a tide.Error (code, message with the Lua position,
 * sqlstate, sql).   [-0, +0, v] */
int tide_runtime_raise(lua_State *L, const tide_err *err);

/* Makes the metatable `name` of a handle class: __index is index (which
 * finds methods under "methods"), __gc and __close are close. Leaves the
 * metatable on the stack.   [-0, +1, m] */
void tide_runtime_class(lua_State *L, const char *name, lua_CFunction index, lua_CFunction close,
                        const luaL_Reg *methods);

/* Marks the table at idx as a list, so that an empty one is written as a
 * JSON array, not an object (tide.util.json reads __jsontype).  [-0, +0, m] */
void tide_runtime_mark_array(lua_State *L, int idx);

/* Fills err from the error object at index idx (a tide.Error table or any
 * value with a string form).   [-0, +0, -] */
void tide_runtime_error_from(lua_State *L, int idx, int code, tide_err *err);

#endif
