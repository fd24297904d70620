/* model_lua.h — the schema DSL's definitions (lua/tide/schema.lua) into the
 * native model, and the loading of the schema folders. The converters never
 * raise: they read the definitions with raw access only, report through
 * tide_err and leave the Lua stack as they found it. */
#ifndef TIDE_MODEL_LUA_H
#define TIDE_MODEL_LUA_H

#include <lua.h>
#include "model/model.h"

/* Adds the definition at idx — a table definition made by t.table "name"
 * { ... }, an object made by t.view, t.trigger, t.func... (every kind of
 * tide_object_kinds, one generic path), or a list of them — to s: its
 * tables with their options, columns (generated ones included), primary
 * key, uniques, indexes, foreign keys and checks, the enums its columns
 * declare, and its objects. A column's :primary() joins the key, :unique() becomes a
 * tide_unique and :references() a tide_fk. s is borrowed (the caller
 * finishes and frees it); source names the definition's file in messages.
 * Returns 0, or TIDE_ECONFIG (a malformed definition, or an enum declared
 * with other values elsewhere; the message names source, the table, the
 * column and the other place) or TIDE_ENOMEM. On failure s holds what was
 * converted so far and is only fit to be freed.   [-0, +0, -] */
int tide_model_from_lua(tide_schema *s, lua_State *L, int idx, const char *source,
                        tide_err *err);

/* Adds one DSL table item at idx (a column: t.col ..., or t.index,
 * t.unique, t.foreign, t.check, t.primary) to table t of s, as the table's
 * own definition would. kinds names the items accepted, for the message
 * otherwise ("a column (t.col ...)", "an index (t.index { ... })"): the
 * tag must appear in it. Errors (TIDE_ECONFIG) name source and table. */
int tide_model_item_from_lua(tide_schema *s, tide_table *t, lua_State *L, int idx, const char *kinds,
                             const char *source, tide_err *err);

/* Whether the value at idx is one tide_model_item_from_lua reads: a table,
 * or a column builder (t.col "x" :type(), a userdata of lua/dsl.c).
 * [-0, +0, -] */
int tide_model_lua_is_item(lua_State *L, int idx);

/* Runs every *.lua file directly in each of the ndirs folders (in order;
 * the files of a folder sorted by name, dot files skipped), each in its own
 * environment (setmetatable({}, { __index = _G })), converts what it returns
 * with tide_model_from_lua and finishes the schema. L must have the tide
 * modules preloaded (tide_runtime_new or tide_runtime_register), so that
 * the files can require "tide.schema". On success *out is a finished schema
 * the caller frees with tide_schema_free; on failure *out is NULL and err
 * says: TIDE_EIO (a folder is missing or unreadable: the message names it),
 * TIDE_ELUA (a file failed to compile or run: "file:line: message"),
 * TIDE_ECONFIG (a file returned something that is not a definition, a table
 * defined twice, or a finish error) or TIDE_ENOMEM.   [-0, +0, -] */
int tide_schema_load_dirs(tide_schema **out, lua_State *L, char *const *dirs, int ndirs,
                          tide_err *err);

/* The definition files' bytes as tide_schema_dirs_digest read them, so that
 * the load that follows the digest (migration:create when they changed)
 * runs what was digested without reading the files again. */
typedef struct tide_schema_texts {
    char **paths;
    tide_buf *texts;
    int n;
} tide_schema_texts;
void tide_schema_texts_free(tide_schema_texts *t);

/* tide_schema_load_dirs, a file whose path texts holds (NULL: none) run from
 * that text instead of being read.   [-0, +0, -] */
int tide_schema_load_dirs_texts(tide_schema **out, lua_State *L, char *const *dirs, int ndirs,
                                const tide_schema_texts *texts, tide_err *err);

/* The definitions' digest, "sha256:" and 64 hex digits: SHA-256 over salt
 * (tide's version, the dialect, the module) and, for every file that
 * tide_schema_load_dirs would run, in its order, the folder's position, the
 * file's name and its bytes. Equal digests: the same files, byte for byte.
 * TIDE_EIO (a folder or file unreadable) or TIDE_ENOMEM.   [-0, +0, -] */
#define TIDE_DIGEST_SIZE 72
int tide_schema_dirs_digest(char *const *dirs, int ndirs, const char *salt, char out[TIDE_DIGEST_SIZE],
                            tide_schema_texts *keep, tide_err *err);   /* keep: NULL, or the texts read */

/* checkSchema(definition [, source]) -> true   [-0, +1, v]
 * A lua_CFunction for tests (registered as tide.core.checkSchema): converts
 * the definition or list into a fresh schema and finishes it; raises the
 * error message (a string) when either fails. */
int tide_model_lua_check(lua_State *L);

#endif
