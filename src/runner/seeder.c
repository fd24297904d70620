/* seeder.c — seeders (SPEC 3): seeders/<Name>.lua returns
 * { run = function(db, seeder) ... end }. A run is one transaction; inside
 * it seeder:call runs another seeder in a savepoint, and a cycle of calls is
 * an error naming the chain. Also seeder:create's file and migration:fresh. */
#include "runner/runner.h"
#include "lua/runtime.h"
#include "core/files.h"

#include <lauxlib.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SEEDER_MT "tide.Seeder"

/* Private keys in a seeder object: light userdata no script can spell. */
static char tide_key, chain_key, depth_key;

/* ---- seeder files ------------------------------------------------------ */

static int check_name(const char *name, tide_err *err)
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    size_t n = strlen(name);
    if (n > 0 && name[strspn(name, allowed)] == '\0')
        return 0;
    if (n > 4 && !strcmp(name + n - 4, ".lua"))
        return tide_err_set(err, TIDE_EINVAL, "seeder name '%s': give it without .lua ('%.*s')",
                            name, (int)(n - 4), name);
    return tide_err_set(err, TIDE_EINVAL, "seeder name '%s' is not valid: use letters, digits and "
                        "underscores only (e.g. UserSeeder); it names the file <seeder.path>/<name>.lua",
                        name);
}

/* Appends "A, B, C" (the seeders in dir, sorted) to out; a folder that
 * cannot be read lists none. */
static int list_seeders(const char *dir, tide_buf *out)
{
    static const tide_dir_query folder = { "seeders folder", "seeder.path", ".lua", 0, NULL, NULL };
    tide_dir_list files;
    tide_err err;
    int i, rc;
    if ((rc = tide_dir_list_files(&files, dir, &folder, &err)) < 0)
        return rc == TIDE_ENOMEM ? rc : 0;
    for (i = 0; rc == 0 && i < files.n; i++)    /* by file name: by seeder name too, as a valid
                                                   name has no character below "." */
        if (tide_buf_printf(out, "%s%.*s", i ? ", " : "", (int)strlen(files.items[i].name) - 4,
                            files.items[i].name) < 0)
            rc = TIDE_ENOMEM;
    tide_dir_list_free(&files);
    return rc;
}

/* The file of seeder name in *path, once the folder and the file are known
 * to exist; otherwise an error listing the seeders there are. */
int tide__seeder_file(tide *t, const char *name, tide_buf *path, tide_err *err)
{
    const char *dir = t->cfg.seeder_path;
    tide_buf names = TIDE_BUF_INIT;
    struct stat st;
    int rc;
    if ((rc = check_name(name, err)) < 0)
        return rc;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return tide_err_set(err, TIDE_ECONFIG, "seeders folder '%s' does not exist (create it with "
                            "tide seeder:create NAME, or set seeder.path)", dir);
    if (tide_buf_printf(path, "%s/%s.lua", dir, name) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (stat(path->data, &st) == 0 && S_ISREG(st.st_mode))
        return 0;
    if (list_seeders(dir, &names) < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else if (names.len)
        rc = tide_err_set(err, TIDE_EIO, "seeder '%s' not found: '%s' does not exist (seeders in "
                          "'%s': %s)", name, path->data, dir, names.data);
    else
        rc = tide_err_set(err, TIDE_EIO, "seeder '%s' not found: '%s' does not exist, and '%s' "
                          "holds no seeder yet (tide seeder:create %s writes one)",
                          name, path->data, dir, name);
    tide_buf_free(&names);
    return rc;
}

/* ---- running a seeder (in Lua, under the protection of tide_seed) ------ */

static int run_one(lua_State *L);

/* Raises a tide.Error with the message, prefixed by the calling Lua code's
 * position.   [-0, +0, v] */
static int raise_fmt(lua_State *L, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int raise_fmt(lua_State *L, int code, const char *fmt, ...)
{
    tide_err e;
    va_list ap;
    tide_err_clear(&e);
    va_start(ap, fmt);
    tide_err_vset(&e, code, fmt, ap);
    va_end(ap);
    return tide_runtime_raise(L, &e);
}

static tide *seeder_tide(lua_State *L, int self)
{
    tide *t;
    lua_rawgetp(L, self, &tide_key);
    t = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!t)
        luaL_error(L, "this is not a seeder object (call it as seeder:method(...))");
    return t;
}

/* The project's connection, or an error when a seeder closed its handle. */
static tide_conn *live_conn(lua_State *L, tide *t)
{
    tide_conn *conn;
    lua_rawgeti(L, LUA_REGISTRYINDEX, t->conn_ref);
    conn = tide_runtime_conn_of(L, -1);
    lua_pop(L, 1);
    if (!conn)
        luaL_error(L, "the database handle was closed (a seeder called db:close())");
    return conn;
}

/* Runs the seeder named at index name inside a savepoint: an error rolls
 * back what it did and propagates.   [-0, +0, e] */
static void call_in_savepoint(lua_State *L, tide *t, int chain, int name)
{
    tide_err e;
    int st;
    lua_pushlightuserdata(L, t);
    lua_pushcclosure(L, run_one, 1);
    lua_pushvalue(L, chain);
    lua_pushvalue(L, name);
    tide_err_clear(&e);
    if (tide_conn_begin(live_conn(L, t), &e) < 0)
        tide_runtime_raise(L, &e);
    st = lua_pcall(L, 2, 0, 0);
    if (st != LUA_OK) {
        tide_err ignored;
        tide_conn *conn;
        lua_rawgeti(L, LUA_REGISTRYINDEX, t->conn_ref);
        conn = tide_runtime_conn_of(L, -1);
        lua_pop(L, 1);
        if (conn)
            tide_conn_rollback(conn, &ignored);   /* the seeder's error matters more */
        lua_error(L);
    }
    if (tide_conn_commit(live_conn(L, t), &e) < 0)
        tide_runtime_raise(L, &e);
}

/* seeder:call(name, ...): runs each seeder named, in order, each time it is
 * called.   [-0, +0, e] */
static int seeder_call(lua_State *L)
{
    int k, n = lua_gettop(L), chain = n + 1;
    lua_Integer depth, i;
    tide *t;
    luaL_checktype(L, 1, LUA_TTABLE);
    t = seeder_tide(L, 1);
    luaL_checkstring(L, 2);
    for (k = 3; k <= n; k++)
        luaL_checkstring(L, k);
    lua_rawgetp(L, 1, &depth_key);
    depth = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_rawgetp(L, 1, &chain_key);
    for (k = 2; k <= n; k++) {
        /* the chain is this seeder's callers and itself, even after a
         * callee failed inside a pcall */
        for (i = (lua_Integer)lua_rawlen(L, chain); i > depth; i--) {
            lua_pushnil(L);
            lua_rawseti(L, chain, i);
        }
        call_in_savepoint(L, t, chain, k);
    }
    return 0;
}

/* seeder:log(fmt, ...)   [-0, +0, e] */
static int seeder_log(lua_State *L)
{
    tide *t;
    luaL_checktype(L, 1, LUA_TTABLE);
    t = seeder_tide(L, 1);
    luaL_checkstring(L, 2);
    return tide__log(L, t);
}

static const luaL_Reg seeder_methods[] = {
    {"call", seeder_call}, {"log", seeder_log}, {NULL, NULL}
};

/* Pushes the seeder object run(db, seeder) receives: name, db, config, and
 * the methods call and log.   [-0, +1, m] */
static void push_seeder(lua_State *L, tide *t, int chain, const char *name, lua_Integer depth)
{
    lua_createtable(L, 0, 3);
    if (luaL_newmetatable(L, SEEDER_MT)) {
        luaL_newlib(L, seeder_methods);
        lua_setfield(L, -2, "__index");
        lua_pushliteral(L, SEEDER_MT);
        lua_setfield(L, -2, "__name");
    }
    lua_setmetatable(L, -2);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_rawgeti(L, LUA_REGISTRYINDEX, t->conn_ref);
    lua_setfield(L, -2, "db");
    lua_rawgeti(L, LUA_REGISTRYINDEX, t->config_ref);
    lua_setfield(L, -2, "config");
    lua_pushlightuserdata(L, t);
    lua_rawsetp(L, -2, &tide_key);
    lua_pushvalue(L, chain);
    lua_rawsetp(L, -2, &chain_key);
    lua_pushinteger(L, depth);
    lua_rawsetp(L, -2, &depth_key);
}

/* Raises when name is running already: "A -> B -> A".   [-0, +0, v] */
static void refuse_cycle(lua_State *L, int chain, const char *name)
{
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, chain);
    int found = 0;
    luaL_Buffer b;
    for (i = 1; i <= n && !found; i++) {
        lua_rawgeti(L, chain, i);
        found = !strcmp(lua_tostring(L, -1), name);
        lua_pop(L, 1);
    }
    if (!found)
        return;
    luaL_buffinit(L, &b);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, chain, i);
        luaL_addvalue(&b);
        luaL_addstring(&b, " -> ");
    }
    luaL_addstring(&b, name);
    luaL_pushresult(&b);
    raise_fmt(L, TIDE_ERROR, "seeder cycle: %s (a seeder cannot call itself, directly or "
              "through others)", lua_tostring(L, -1));
}

/* Pushes the table the seeder file at path returns, the file run in its own
 * environment, after checking it has a run function.   [-0, +1, e] */
static void load_seeder(lua_State *L, const char *path)
{
    tide_err e;
    tide_err_clear(&e);
    if (tide_runtime_loadfile_sandboxed(L, path, &e) < 0)
        tide_runtime_raise(L, &e);
    lua_call(L, 0, 1);
    if (lua_type(L, -1) != LUA_TTABLE)
        raise_fmt(L, TIDE_ELUA, "%s must return a table with a run function (return { run = "
                  "function(db, seeder) ... end }); it returned %s", path, luaL_typename(L, -1));
    if (lua_getfield(L, -1, "run") != LUA_TFUNCTION)
        raise_fmt(L, TIDE_ELUA, "%s: the returned table has no run function (run = "
                  "function(db, seeder) ... end)", path);
    lua_pop(L, 1);
}

/* run_one(chain, name): loads seeders/<name>.lua and calls run(db, seeder)
 * with name pushed on the chain of running seeders. Errors propagate.
 * upvalue 1: the tide.   [-2, +0, e] */
static int run_one(lua_State *L)
{
    tide *t = lua_touserdata(L, lua_upvalueindex(1));
    const char *name;
    lua_Integer depth;
    tide_buf path = TIDE_BUF_INIT;
    tide_err e;
    luaL_checktype(L, 1, LUA_TTABLE);
    name = luaL_checkstring(L, 2);
    lua_settop(L, 2);
    refuse_cycle(L, 1, name);
    tide_err_clear(&e);
    if (tide__seeder_file(t, name, &path, &e) < 0) {
        tide_buf_free(&path);
        return tide_runtime_raise(L, &e);
    }
    tide_runtime_push_free(L, &path);       /* 3: the path */
    load_seeder(L, lua_tostring(L, 3));     /* 4: the seeder's table */
    depth = (lua_Integer)lua_rawlen(L, 1) + 1;
    push_seeder(L, t, 1, name, depth);      /* 5 */
    lua_pushvalue(L, 2);
    lua_rawseti(L, 1, depth);
    lua_getfield(L, 4, "run");
    lua_rawgeti(L, LUA_REGISTRYINDEX, t->conn_ref);
    lua_pushvalue(L, 5);
    lua_call(L, 2, 0);
    lua_pushnil(L);
    lua_rawseti(L, 1, depth);
    return 0;
}

/* The body of tide_seed: a new chain, then the seeder.   [-2, +0, e] */
static int seed_p(lua_State *L)
{
    tide *t = lua_touserdata(L, 1);
    const char *name = lua_touserdata(L, 2);
    lua_settop(L, 0);
    lua_pushlightuserdata(L, t);
    lua_pushcclosure(L, run_one, 1);
    lua_newtable(L);
    lua_pushstring(L, name);
    lua_call(L, 2, 0);
    return 0;
}

static int seed_failed(const char *name, const char *how, tide_err *err)
{
    char before[320];
    snprintf(before, sizeof before, "seeding with %.200s failed%s: ", name, how);
    tide_err_wrap(err, before, NULL);
    return err->code < 0 ? err->code : TIDE_ERROR;
}

/* Ends the seeding transaction opened at depth: commits when rc is 0 and the
 * seeders left the transaction levels as they found them, else rolls back. */
static int end_transaction(tide *t, const char *name, int depth, int rc, tide_err *err)
{
    tide_err ignored;
    int open;
    lua_rawgeti(t->L, LUA_REGISTRYINDEX, t->conn_ref);
    open = tide_runtime_conn_of(t->L, -1) != NULL;
    lua_pop(t->L, 1);
    if (!open && rc == 0)
        rc = tide_err_set(err, TIDE_ECLOSED, "seeder %s closed the database handle (db:close())",
                          name);
    if (!open && t->owns_conn) {    /* closing the connection rolled it back */
        t->conn = NULL;             /* freed with it: nothing may use it any more */
        return seed_failed(name, " and was rolled back", err);
    }
    if (rc == 0 && tide_conn_txdepth(t->conn) > depth + 1)
        rc = tide_err_set(err, TIDE_ERROR, "seeder %s left a transaction open (db:begin without "
                          "db:commit); use db:transaction(fn) instead", name);
    if (rc == 0 && tide_conn_txdepth(t->conn) <= depth) {
        tide_err_set(err, TIDE_ERROR, "seeder %s ended the seeding transaction itself (db:commit "
                     "or db:rollback), so what it did is not one transaction; use "
                     "db:transaction(fn) instead", name);
        return seed_failed(name, "", err);
    }
    if (rc == 0)
        return tide_conn_commit(t->conn, err) < 0 ? seed_failed(name, " at commit", err) : 0;
    if (tide_conn_txdepth(t->conn) <= depth)
        return seed_failed(name, "", err);
    while (tide_conn_txdepth(t->conn) > depth && tide_conn_rollback(t->conn, &ignored) == 0)
        ;
    return seed_failed(name, " and was rolled back", err);
}

const char *tide_seeder_name(const tide *t, const char *name)
{
    return name && *name ? name : t->cfg.default_seeder;
}

int tide_seed(tide *t, const char *name, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT;
    int rc, depth;
    name = tide_seeder_name(t, name);
    /* the folder and the file first: a plain message, no transaction */
    rc = tide__seeder_file(t, name, &path, err);
    tide_buf_free(&path);
    if (rc < 0)
        return rc;
    depth = tide_conn_txdepth(t->conn);
    if ((rc = tide_conn_begin(t->conn, err)) < 0)
        return rc;
    lua_pushcfunction(t->L, seed_p);
    lua_pushlightuserdata(t->L, t);
    lua_pushlightuserdata(t->L, (void *)name);
    rc = tide_runtime_pcall(t->L, 2, 0, err);
    return end_transaction(t, name, depth, rc, err);
}

/* ---- seeder:create ----------------------------------------------------- */

static const char seeder_template[] =
    "-- %s: a seeder. `tide seeder:run --class %s` runs it, in one transaction:\n"
    "-- an error rolls back everything it did.\n"
    "return {\n"
    "  run = function(db, seeder)\n"
    "    -- db:exec(\"insert into users (email) values (?)\", \"ada@example.org\")\n"
    "    -- seeder:call(\"OtherSeeder\")   -- runs %s/OtherSeeder.lua\n"
    "    -- seeder:log(\"seeded %%d users\", 1)\n"
    "  end,\n"
    "}\n";

/* mkdir -p */
static int make_folder(const char *dir, tide_err *err)
{
    tide_buf b = TIDE_BUF_INIT;
    char *p;
    int rc = 0;
    if (tide_buf_puts(&b, dir) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (p = b.data + 1; rc == 0; p++) {
        int end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(b.data, 0755) < 0 && errno != EEXIST)
            rc = tide_err_set(err, TIDE_EIO, "cannot create the seeders folder '%s': %s", dir,
                              strerror(errno));
        if (end)
            break;
        *p = '/';
    }
    tide_buf_free(&b);
    return rc;
}

int tide_seeder_create(tide *t, const char *name, char **path_out, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    const char *dir = t->cfg.seeder_path;
    int rc;
    if (path_out)
        *path_out = NULL;
    if ((rc = check_name(name, err)) < 0 || (rc = make_folder(dir, err)) < 0)
        goto done;
    if (tide_buf_printf(&path, "%s/%s.lua", dir, name) < 0 ||
        tide_buf_printf(&text, seeder_template, path.data, name, dir) < 0) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_file_write_atomic(path.data, text.data, text.len, 1, err)) < 0) {
        struct stat st;
        if (stat(path.data, &st) == 0)
            tide_err_wrap(err, "", " (edit it, or choose another name)");
        goto done;
    }
    if (path_out)
        *path_out = tide_buf_detach(&path);
done:
    tide_buf_free(&path);
    tide_buf_free(&text);
    return rc;
}

/* ---- migration:fresh --------------------------------------------------- */

