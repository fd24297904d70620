/* context.c — the `m` a migration's up/down receives (SPEC 4): a table with
 * db, name, module, config, and the methods addSql (queued), execute, query,
 * columns, transaction (a savepoint), log and progress. Queued SQL runs
 * before the next execute/query/columns/transaction and when the function
 * returns. */
#include "toolkit/context.h"
#include "lua/runtime.h"

#include <lauxlib.h>
#include <string.h>

#define CONTEXT_MT "tide.Context"

/* Private keys in m: light userdata no script can spell. */
static char queue_key, tide_key;

tide *tide_context__tide(lua_State *L, int m)
{
    tide *t;
    lua_rawgetp(L, m, &tide_key);
    t = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!t)
        luaL_error(L, "this is not a migration context (call it as m:method(...))");
    return t;
}

/* m:addSql(sql)   [-0, +0, e] */
static int m_addsql(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkstring(L, 2);
    tide_context__tide(L, 1);
    lua_rawgetp(L, 1, &queue_key);
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    return 0;
}

int tide_context__flush(lua_State *L)
{
    lua_Integer i, n;
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_rawgetp(L, 1, &queue_key);
    n = (lua_Integer)lua_rawlen(L, -1);
    if (n == 0)
        return 0;
    lua_newtable(L);                      /* a fresh queue first: a failure */
    lua_rawsetp(L, 1, &queue_key);        /* must not replay what ran */
    for (i = 1; i <= n; i++) {
        lua_getfield(L, 1, "db");
        lua_getfield(L, -1, "script");
        lua_insert(L, -2);
        lua_rawgeti(L, -3, i);
        lua_call(L, 2, 0);
    }
    return 0;
}

/* Calls db:<method>(args from index 2 on) after flushing.   [-0, +?, e] */
static int call_db(lua_State *L, const char *method)
{
    int nargs = lua_gettop(L) - 1;
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkstring(L, 2);
    lua_pushcfunction(L, tide_context__flush);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);
    lua_getfield(L, 1, "db");
    lua_getfield(L, -1, method);
    lua_insert(L, 2);                     /* fn, db, args... above m */
    lua_insert(L, 3);
    lua_call(L, nargs + 1, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* m:execute(sql, ...) -> rows or count   [-0, +1, e] */
static int m_execute(lua_State *L) { return call_db(L, "exec"); }

/* for row in m:query(sql, ...)   [-0, +4, e] */
static int m_query(lua_State *L) { return call_db(L, "query"); }

/* m:columns(table [, schema]) -> column names, the queued SQL run first   [-0, +1, e] */
static int m_columns(lua_State *L) { return call_db(L, "columns"); }

/* the body of m:transaction: fn(m), then its queued SQL, inside the savepoint */
static int transaction_body(lua_State *L)
{
    int n;
    lua_settop(L, 0);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_call(L, 1, LUA_MULTRET);
    n = lua_gettop(L);
    lua_pushcfunction(L, tide_context__flush);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_call(L, 1, 0);
    return n;
}

/* m:transaction(fn) -> fn's results; an error rolls back the savepoint
 * and propagates   [-0, +?, e] */
static int m_transaction(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    lua_pushcfunction(L, tide_context__flush);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);
    lua_getfield(L, 1, "db");
    lua_getfield(L, -1, "transaction");
    lua_insert(L, -2);
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, transaction_body, 2);
    lua_call(L, 2, LUA_MULTRET);
    return lua_gettop(L) - 2;
}

/* m:log(fmt, ...)   [-0, +0, e] */
static int m_log(lua_State *L)
{
    tide *t;
    luaL_checktype(L, 1, LUA_TTABLE);
    t = tide_context__tide(L, 1);
    return tide__log(L, t);
}

/* progress:step([n]) and progress:done()   [-0, +0, e] */
static int progress_report(lua_State *L, int finish)
{
    tide *t = lua_touserdata(L, lua_upvalueindex(1));
    tide_event ev;
    lua_Integer total, done, n;
    luaL_checktype(L, 1, LUA_TTABLE);
    n = luaL_optinteger(L, 2, 1);           /* before the pushes below take index 2 */
    luaL_argcheck(L, n >= 0, 2, "a step must not be negative");
    lua_settop(L, 1);
    lua_getfield(L, 1, "total");
    lua_getfield(L, 1, "current");
    total = lua_tointeger(L, -2);
    done = finish ? total : lua_tointeger(L, -1) + n;
    if (done > total)
        done = total;
    lua_pushinteger(L, done);
    lua_setfield(L, 1, "current");
    memset(&ev, 0, sizeof ev);
    ev.kind = TIDE_EV_PROGRESS;
    ev.module = t->module;
    lua_getfield(L, 1, "name");
    ev.name = lua_tostring(L, -1);
    ev.done = done;
    ev.total = total;
    if (t->on_event)
        t->on_event(t->event_ud, &ev);
    return 0;
}

static int progress_step(lua_State *L) { return progress_report(L, 0); }
static int progress_done(lua_State *L) { return progress_report(L, 1); }

/* m:progress(total) -> p with p:step([n]) and p:done()   [-0, +1, e] */
static int m_progress(lua_State *L)
{
    tide *t;
    lua_Integer total;
    luaL_checktype(L, 1, LUA_TTABLE);
    total = luaL_checkinteger(L, 2);
    luaL_argcheck(L, total >= 0, 2, "total must not be negative");
    t = tide_context__tide(L, 1);
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, total);
    lua_setfield(L, -2, "total");
    lua_pushinteger(L, 0);
    lua_setfield(L, -2, "current");
    lua_getfield(L, 1, "name");
    lua_setfield(L, -2, "name");
    lua_pushlightuserdata(L, t);
    lua_pushcclosure(L, progress_step, 1);
    lua_setfield(L, -2, "step");
    lua_pushlightuserdata(L, t);
    lua_pushcclosure(L, progress_done, 1);
    lua_setfield(L, -2, "done");
    return 1;
}

static const luaL_Reg context_methods[] = {
    {"addSql", m_addsql}, {"execute", m_execute}, {"query", m_query},
    {"transaction", m_transaction}, {"log", m_log}, {"progress", m_progress},
    {"columns", m_columns},
    {NULL, NULL}
};

/* A misspelt method gets a "did you mean": m:addsql(...) names addSql. */
static int misspelt(lua_State *L)
{
    return luaL_error(L, "m has no method '%s'; did you mean '%s'?",
                      lua_tostring(L, lua_upvalueindex(1)), lua_tostring(L, lua_upvalueindex(2)));
}

/* Equal but for case, or one letter changed, added or left out. */
static int close_enough(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0, diff = 0;
    if (!strcasecmp(a, b))
        return 1;
    if (la == lb) {
        for (i = 0; i < la; i++)
            diff += a[i] != b[i];
        return diff == 1;
    }
    if (la + 1 != lb && lb + 1 != la)
        return 0;
    if (la > lb) {                       /* a is the longer one */
        const char *t = a; a = b; b = t;
    }
    while (a[i] && a[i] == b[i])
        i++;
    return !strcmp(a + i, b + i + 1);
}

static int push_misspelt(lua_State *L, const char *k, const char *name)
{
    lua_pushstring(L, k);
    lua_pushstring(L, name);
    lua_pushcclosure(L, misspelt, 2);
    return 1;
}

/* Pushes require("tide.toolkit")[field]   [-0, +1, e] */
static void push_toolkit(lua_State *L, const char *field)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, "tide.toolkit");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, field);
    lua_remove(L, -2);
}

/* __index(m, key): the native methods, the Lua ones of tide.toolkit, then
 * near misses of either   [-0, +1, e] */
static int context_index(lua_State *L)
{
    const luaL_Reg *r;
    const char *k = lua_tostring(L, 2);
    lua_Integer i, n;
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1) || !k)
        return 1;
    lua_pop(L, 1);
    push_toolkit(L, "method");
    lua_pushvalue(L, 2);
    lua_call(L, 1, 1);
    if (!lua_isnil(L, -1))
        return 1;
    lua_pop(L, 1);
    for (r = context_methods; r->name; r++)
        if (close_enough(k, r->name))
            return push_misspelt(L, k, r->name);
    for (r = tide_toolkit_methods; r->name; r++)
        if (close_enough(k, r->name))
            return push_misspelt(L, k, r->name);
    push_toolkit(L, "names");
    lua_call(L, 0, 1);
    n = (lua_Integer)lua_rawlen(L, -1);
    for (i = 1; i <= n; i++) {
        const char *name;
        lua_rawgeti(L, -1, i);
        name = lua_tostring(L, -1);
        if (name && close_enough(k, name))
            return push_misspelt(L, k, name);
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

static char db_key;

void tide_context__release(lua_State *L, int m)
{
    m = lua_absindex(L, m);
    lua_rawgetp(L, m, &db_key);              /* the handle made for m, whatever m.db is now */
    tide_runtime_release_conn(L, -1);
    lua_pop(L, 1);
}

void tide_context__push(lua_State *L, tide *t, const char *name)
{
    lua_createtable(L, 0, 6);
    if (luaL_newmetatable(L, CONTEXT_MT)) {
        luaL_newlib(L, context_methods);
        luaL_setfuncs(L, tide_toolkit_methods, 0);
        lua_pushcclosure(L, context_index, 1);
        lua_setfield(L, -2, "__index");
        lua_pushliteral(L, "tide.Context");
        lua_setfield(L, -2, "__name");
    }
    lua_setmetatable(L, -2);
    /* m.db is a handle of its own over the run's connection: a migration
     * that closes it detaches its handle, and the runner's stays open */
    tide_runtime_push_borrowed_conn(L, t->conn);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, -3, &db_key);
    lua_setfield(L, -2, "db");
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, t->module);
    lua_setfield(L, -2, "module");
    lua_rawgeti(L, LUA_REGISTRYINDEX, t->config_ref);
    lua_setfield(L, -2, "config");
    lua_newtable(L);
    lua_rawsetp(L, -2, &queue_key);
    lua_pushlightuserdata(L, t);
    lua_rawsetp(L, -2, &tide_key);
}
