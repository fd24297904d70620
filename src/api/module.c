/* module.c — the tide.core module as a whole, and the Lua states tide
 * makes: the connection classes of the lua room, the runner (tide.Migrator,
 * open), createDatabase and config_url of the rooms above, the embedded lua/tide
 * modules in package.preload. This is the composition root of the Lua
 * side: the rooms below never create a state or reach up for a module. */
#include "api/module.h"
#include "lua/runtime.h"

#include <lauxlib.h>
#include <lualib.h>

/* tide.core.create_database(url) -> created (boolean)   [-0, +1, e] */
static int core_create_database(lua_State *L)
{
    tide_err err;
    int rc;
    tide_err_clear(&err);
    if ((rc = tide_create_database(luaL_checkstring(L, 1), &err)) < 0)
        return tide_runtime_raise(L, &err);
    lua_pushboolean(L, rc > 0);
    return 1;
}

int luaopen_tide_core(lua_State *L)
{
    tide_runtime_open_base(L);
    tide_runtime_open_runner(L);
    lua_pushcfunction(L, core_create_database);
    lua_setfield(L, -2, "create_database");
    lua_pushcfunction(L, tide_runtime_config_url);
    lua_setfield(L, -2, "config_url");
    return 1;
}

struct tide_lua_source { const char *module, *chunkname, *code; size_t len; };
extern const struct tide_lua_source tide_lua_sources[];

/* package.preload loader for embedded source number upvalue(1)  [-0, +1, e] */
static int load_embedded(lua_State *L)
{
    const struct tide_lua_source *s = &tide_lua_sources[lua_tointeger(L, lua_upvalueindex(1))];
    if (luaL_loadbufferx(L, s->code, s->len, s->chunkname, "t") != LUA_OK)
        return lua_error(L);
    lua_pushstring(L, s->module);
    lua_call(L, 1, 1);
    return 1;
}

void tide_runtime_preload(lua_State *L)
{
    int i;
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_tide_core);
    lua_setfield(L, -2, "tide.core");
    for (i = 0; tide_lua_sources[i].module; i++) {
        lua_pushinteger(L, i);
        lua_pushcclosure(L, load_embedded, 1);
        lua_setfield(L, -2, tide_lua_sources[i].module);
    }
    lua_pop(L, 1);
}

static int register_p(lua_State *L)
{
    tide_runtime_preload(L);
    luaL_requiref(L, "tide.core", luaopen_tide_core, 0);
    lua_pop(L, 1);
    return 0;
}

void tide_runtime_register(lua_State *L)
{
    lua_pushcfunction(L, register_p);
    lua_call(L, 0, 0);
}

static int open_state(lua_State *L)
{
    luaL_openlibs(L);
    register_p(L);
    return 0;
}

lua_State *tide_runtime_new(void)
{
    lua_State *L = luaL_newstate();
    if (!L)
        return NULL;
    lua_pushcfunction(L, open_state);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        lua_close(L);
        return NULL;
    }
    return L;
}

