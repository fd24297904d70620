/* sandbox.c — the Lua sandbox of the fuzz targets (see sandbox.h). */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <lauxlib.h>
#include <lualib.h>

#include "lua/runtime.h"
#include "api/module.h"

#define MEMORY_LIMIT ((size_t)64 << 20)
#define INSTRUCTION_BUDGET 200000

typedef struct limits {
    size_t used, limit;
} limits;

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    limits *m = ud;
    void *p;
    if (!ptr)
        osize = 0;
    if (nsize == 0) {
        free(ptr);
        m->used -= osize;
        return NULL;
    }
    if (nsize > osize && m->used + (nsize - osize) > m->limit)
        return NULL;
    if ((p = realloc(ptr, nsize)))
        m->used = m->used - osize + nsize;
    return p;
}

static void budget_spent(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "fuzz: instruction budget spent");
}

/* The globals a chunk gets, and a string library whose pattern functions
 * refuse long subjects and patterns with many repetitions (backtracking
 * in C is out of the instruction budget's reach). Run by sandbox_new,
 * before any input: trusted. */
static const char *const prelude =
    "local string, type, error, select = string, type, error, select\n"
    "local safe = {}\n"
    "for k, f in pairs(string) do safe[k] = f end\n"
    "safe.dump = nil\n"
    "local gsub = string.gsub\n"
    "local function guard(f)\n"
    "  return function(s, p, ...)\n"
    "    if type(s) == 'string' and #s > 4096 then error('fuzz: subject too long') end\n"
    "    if type(p) == 'string' and (#p > 40 or select(2, gsub(p, '[-*+?]', '')) > 4) then\n"
    "      error('fuzz: pattern too heavy') end\n"
    "    return f(s, p, ...)\n"
    "  end\n"
    "end\n"
    "for _, k in ipairs { 'find', 'match', 'gmatch', 'gsub' } do safe[k] = guard(string[k]) end\n"
    "safe.rep = function(s, n, sep)\n"
    "  if type(n) == 'number' and n > 100000 then error('fuzz: rep too long') end\n"
    "  return string.rep(s, n, sep)\n"
    "end\n"
    "getmetatable('').__index = safe\n"
    "local names = { 'assert', 'error', 'ipairs', 'next', 'pairs', 'rawequal', 'rawget',\n"
    "  'rawlen', 'rawset', 'select', 'setmetatable', 'getmetatable', 'tonumber',\n"
    "  'tostring', 'type' }\n"
    "local base = {}\n"
    "for _, k in ipairs(names) do base[k] = _G[k] end\n"
    "return function(with_dsl)\n"
    "  local env = { string = safe, table = table, math = math, utf8 = utf8 }\n"
    "  for k, v in pairs(base) do env[k] = v end\n"
    "  if with_dsl then\n"
    "    local dsl = require 'tide.schema'\n"
    "    env.t = dsl\n"
    "    env.require = function(name)\n"
    "      if name == 'tide.schema' then return dsl end\n"
    "      error('fuzz: only tide.schema can be required')\n"
    "    end\n"
    "  end\n"
    "  return env\n"
    "end\n";

lua_State *sandbox_new(void)
{
    limits *m = malloc(sizeof *m);
    lua_State *L;
    if (!m)
        return NULL;
    m->used = 0;
    m->limit = (size_t)-1;
    if (!(L = lua_newstate(limited_alloc, m))) {
        free(m);
        return NULL;
    }
    luaL_openlibs(L);
    tide_runtime_preload(L);
    if (luaL_loadstring(L, prelude) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK)
        abort();                                /* the harness itself is broken */
    lua_setfield(L, LUA_REGISTRYINDEX, "fuzz.env");
    return L;
}

void sandbox_say(const char *what, const char *msg)
{
    if (getenv("TIDE_FUZZ_VERBOSE"))
        fprintf(stderr, "fuzz: %s: %s\n", what, msg ? msg : "");
}

static limits *limits_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* chunk env -> result   [-2, +1, e] */
static int run_p(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (!lua_setupvalue(L, 1, 1))
        lua_pop(L, 1);
    lua_settop(L, 1);
    lua_call(L, 0, 1);
    return 1;
}

int sandbox_run(lua_State *L, const char *chunk, size_t size, int with_dsl)
{
    limits *m = limits_of(L);
    int rc = -1;
    if (luaL_loadbufferx(L, chunk, size, "=fuzz", "t") != LUA_OK) {
        sandbox_say("load", lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, "fuzz.env");
    lua_pushboolean(L, with_dsl);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK)
        abort();
    lua_pushcfunction(L, run_p);
    lua_insert(L, -3);                          /* run_p chunk env */
    m->limit = m->used + MEMORY_LIMIT;
    lua_sethook(L, budget_spent, LUA_MASKCOUNT, INSTRUCTION_BUDGET);
    if (lua_pcall(L, 2, 1, 0) == LUA_OK) {
        rc = 0;
    } else {
        sandbox_say("chunk", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)");
        lua_pop(L, 1);
    }
    lua_sethook(L, NULL, 0, 0);
    m->limit = (size_t)-1;
    return rc;
}

void sandbox_close(lua_State *L)
{
    limits *m = limits_of(L);
    lua_close(L);
    free(m);
}
