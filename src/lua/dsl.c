/* dsl.c — the column builders of the schema DSL in C (dsl.h). A column of
 * a large schema was two Lua tables (its builder and its definition) and a
 * Lua call per method that set a field in a hash; it is now one userdata
 * whose methods set C fields, converted into the model from them
 * (model_lua.c). Whatever these methods do not take on — a mistake, an
 * option, a rarer method — runs the Lua method of lua/tide/schema.lua on
 * the builder's shadow, so that every message is the Lua one. */
#include "lua/dsl.h"

#include <lauxlib.h>

#include <stddef.h>
#include <string.h>

/* User values of a builder. */
enum { UV_NAME = 1, UV_DEFAULT, UV_REF, UV_REF_COLUMN, UV_COMMENT, UV_SHADOW, UV_N = UV_SHADOW };

/* Upvalues of a method: Col (the Lua methods), the method's name, its type
 * (or the word of :varchar, or the offset of the flag :primary and :unique
 * set), whether it is a serial type. */
#define UP_COL lua_upvalueindex(1)
#define UP_NAME lua_upvalueindex(2)
#define UP_TYPE lua_upvalueindex(3)
#define UP_SERIAL lua_upvalueindex(4)

tide_colb *tide_dsl_column(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, TIDE_DSL_COLUMN);
}

/* Sets field k of the table on top to the string s, when there is one. */
static void set_str(lua_State *L, const char *k, const char *s)
{
    if (!s)
        return;
    lua_pushstring(L, s);
    lua_setfield(L, -2, k);
}

static void set_true(lua_State *L, const char *k, int on)
{
    if (!on)
        return;
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, k);
}

void tide_dsl_push_shadow(lua_State *L, int idx)
{
    tide_colb *b = lua_touserdata(L, idx);
    idx = lua_absindex(L, idx);
    if (b->slow) {
        lua_getiuservalue(L, idx, UV_SHADOW);
        return;
    }
    /* what the Lua methods would have written: lua/tide/schema.lua's Col */
    lua_createtable(L, 0, 3);
    lua_pushliteral(L, "column builder");
    lua_setfield(L, -2, "__tide");
    set_true(L, "__rare", b->autoinc);
    lua_createtable(L, 0, 4);
    lua_pushliteral(L, "column");
    lua_setfield(L, -2, "__tide");
    lua_getiuservalue(L, idx, UV_NAME);
    lua_setfield(L, -2, "name");
    set_str(L, "type", b->type);
    set_true(L, "nullable", b->nullable);
    set_true(L, "autoincrement", b->autoinc);
    set_true(L, "primary", b->primary);
    set_true(L, "unique", b->unique);
    if (b->def) {
        lua_getiuservalue(L, idx, UV_DEFAULT);
        lua_setfield(L, -2, "default");
    }
    if (b->comment) {
        lua_getiuservalue(L, idx, UV_COMMENT);
        lua_setfield(L, -2, "comment");
    }
    if (b->ref) {
        lua_createtable(L, 0, 2);
        lua_getiuservalue(L, idx, UV_REF);
        lua_setfield(L, -2, "table");
        if (b->ref_column) {
            lua_getiuservalue(L, idx, UV_REF_COLUMN);
            lua_setfield(L, -2, "column");
        }
        set_str(L, "onDelete", b->on_delete);
        set_str(L, "onUpdate", b->on_update);
        lua_setfield(L, -2, "references");
    }
    lua_setfield(L, -2, "__def");
    lua_pushvalue(L, -1);
    lua_setiuservalue(L, idx, UV_SHADOW);
    b->slow = 1;
}

/* The builder a method is called on: a userdata of its size and magic
 * (cheaper than comparing metatables, and as sure).   [-0, +0, v] */
static tide_colb *self(lua_State *L)
{
    tide_colb *b = lua_touserdata(L, 1);
    if (!b || lua_rawlen(L, 1) != sizeof *b || b->magic != TIDE_DSL_MAGIC)
        luaL_error(L, "a column builder's method is called on %s (write b:method(), not b.method())",
                   luaL_typename(L, 1));
    return b;
}

/* "word(n)" or "word(n,m)" (m >= 0) into b's buffer, without printf. */
static const char *type_name(tide_colb *b, const char *word, lua_Integer n, lua_Integer m)
{
    char *p = b->typebuf, digits[24];
    int k;
    lua_Integer v[2];
    int i, count = m >= 0 ? 2 : 1;
    v[0] = n, v[1] = m;
    while (*word)
        *p++ = *word++;
    *p++ = '(';
    for (i = 0; i < count; i++) {           /* whole numbers the checks bounded: 0 .. 10485760 */
        unsigned long long u = (unsigned long long)v[i];
        if (i)
            *p++ = ',';
        k = 0;
        do
            digits[k++] = (char)('0' + u % 10);
        while ((u /= 10) > 0);
        while (k > 0)
            *p++ = digits[--k];
    }
    *p++ = ')';
    *p = '\0';
    return b->typebuf;
}

/* The Lua method, on the builder's shadow with the same arguments; the
 * builder is what it returns.   [-0, +1, e] */
static int delegate(lua_State *L)
{
    int n = lua_gettop(L), i;
    luaL_checkstack(L, n + 4, NULL);
    lua_pushvalue(L, UP_NAME);
    lua_gettable(L, UP_COL);
    tide_dsl_push_shadow(L, 1);
    for (i = 2; i <= n; i++)
        lua_pushvalue(L, i);
    lua_call(L, n, 0);
    lua_settop(L, 1);
    return 1;
}

static int m_delegate(lua_State *L)
{
    self(L);
    return delegate(L);
}

/* A string of the builder: anchored in user value uv. */
static const char *keep(lua_State *L, tide_colb *b, int arg, int uv)
{
    size_t len;
    const char *s = lua_tolstring(L, arg, &len);
    if (strlen(s) != len)
        b->nul = 1;
    lua_pushvalue(L, arg);
    lua_setiuservalue(L, 1, uv);
    return s;
}

/* :integer(), :text()... and :serial(), :bigserial(), :smallserial()
 * (UP_SERIAL): the type, once, no arguments. */
static int m_simple(lua_State *L)
{
    tide_colb *b = self(L);
    if (b->slow || b->type || !lua_isnoneornil(L, 2))
        return delegate(L);
    b->type = lua_touserdata(L, UP_TYPE);
    b->autoinc = (unsigned char)lua_toboolean(L, UP_SERIAL);
    lua_settop(L, 1);
    return 1;
}

/* Argument arg as a whole number in [lo, hi] (a float with no fraction is
 * one, as math.tointeger says), or 0. */
static int whole(lua_State *L, int arg, lua_Integer lo, lua_Integer hi, lua_Integer *out)
{
    int ok = 0;
    if (lua_type(L, arg) != LUA_TNUMBER)
        return 0;
    *out = lua_tointegerx(L, arg, &ok);
    return ok && *out >= lo && *out <= hi;
}

static int typed(lua_State *L, tide_colb *b, const char *type)
{
    b->type = type;
    lua_settop(L, 1);
    return 1;
}

static int m_numeric(lua_State *L)
{
    tide_colb *b = self(L);
    lua_Integer p, s;
    if (b->slow || b->type)
        return delegate(L);
    if (lua_isnoneornil(L, 2))
        return lua_isnoneornil(L, 3) ? typed(L, b, "numeric") : delegate(L);
    if (!whole(L, 2, 1, 1000, &p))
        return delegate(L);
    if (lua_isnoneornil(L, 3))
        return typed(L, b, type_name(b, "numeric", p, -1));
    if (whole(L, 3, 0, p, &s))
        return typed(L, b, type_name(b, "numeric", p, s));
    return delegate(L);
}

/* :varchar(n) (nil: "varchar") and :char(n) (nil: "char(1)") */
static int m_sized(lua_State *L)
{
    tide_colb *b = self(L);
    const char *word = lua_touserdata(L, UP_TYPE);
    lua_Integer n = 1;
    if (b->slow || b->type)
        return delegate(L);
    if (lua_isnoneornil(L, 2) && word[0] == 'v')
        return typed(L, b, "varchar");
    if (!lua_isnoneornil(L, 2) && !whole(L, 2, 1, 10485760, &n))
        return delegate(L);
    return typed(L, b, type_name(b, word, n, -1));
}

/* :primary() and :unique(), no arguments, once: the flag at the offset
 * UP_TYPE holds. */
static int m_flag(lua_State *L)
{
    tide_colb *b = self(L);
    unsigned char *flag = (unsigned char *)b + (size_t)lua_touserdata(L, UP_TYPE);
    if (b->slow || *flag || !lua_isnoneornil(L, 2))
        return delegate(L);
    *flag = 1;
    lua_settop(L, 1);
    return 1;
}

static int m_nullable(lua_State *L)
{
    tide_colb *b = self(L);
    int t = lua_type(L, 2);
    if (b->slow || b->nullable || (t > LUA_TNIL && t != LUA_TBOOLEAN))
        return delegate(L);
    b->nullable = t != LUA_TBOOLEAN || lua_toboolean(L, 2);
    lua_settop(L, 1);
    return 1;
}

static int m_default(lua_State *L)
{
    tide_colb *b = self(L);
    int t = lua_type(L, 2);
    if (b->slow || b->def || (t != LUA_TSTRING && t != LUA_TNUMBER && t != LUA_TBOOLEAN))
        return delegate(L);
    lua_settop(L, 2);
    if (t == LUA_TBOOLEAN) {            /* tostring(expr) */
        lua_pushstring(L, lua_toboolean(L, 2) ? "true" : "false");
        lua_replace(L, 2);
    } else if (lua_isinteger(L, 2)) {   /* "%lld", as tostring writes it */
        char digits[24], *p = digits + sizeof digits;
        lua_Integer v = lua_tointeger(L, 2);
        unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
        do
            *--p = (char)('0' + u % 10);
        while ((u /= 10) > 0);
        if (v < 0)
            *--p = '-';
        lua_pushlstring(L, p, (size_t)(digits + sizeof digits - p));
        lua_replace(L, 2);
    } else if (t == LUA_TNUMBER) {
        luaL_tolstring(L, 2, NULL);
        lua_replace(L, 2);
    }
    b->def = keep(L, b, 2, UV_DEFAULT);
    lua_settop(L, 1);
    return 1;
}

/* A name the Lua checks take as it is: a string whose first byte is not
 * blank (nonempty), without a dot (split_name: no schema). */
static int plain_name(lua_State *L, int arg, int dot_ok)
{
    const char *s;
    if (lua_type(L, arg) != LUA_TSTRING)
        return 0;
    s = lua_tostring(L, arg);
    return (unsigned char)s[0] > 32 && (dot_ok || !strchr(s, '.'));
}

/* The canonical action of the string at the top, as schema.lua's action()
 * reads it (any case, blanks trimmed and single: "no action", "noAction",
 * "no_action"), or NULL.   [-0, +0, -] */
static const char *action_of(lua_State *L, int idx)
{
    static const char *const actions[] = { "no action", "restrict", "cascade", "set null", "set default" };
    char word[24];
    size_t len, i, n = 0, a;
    const char *v = lua_tolstring(L, idx, &len);
    for (i = 0; i < len && n < sizeof word - 1; i++) {
        char ch = v[i];
        if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {   /* %s: trimmed, runs made one space */
            if (n > 0 && word[n - 1] != ' ')
                word[n++] = ' ';
            continue;
        }
        word[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    if (i < len || memchr(v, '\0', len))
        return NULL;
    if (n > 0 && word[n - 1] == ' ')
        n--;
    word[n] = '\0';
    for (a = 0; a < sizeof actions / sizeof *actions; a++) {
        const char *w = actions[a], *p = w, *q = word;
        int same = !strcmp(w, word), glued = 1, under = 1;     /* "set null", "setnull", "set_null" */
        for (p = w, q = word; glued && *p; p++)
            if (*p != ' ' && *p != *q++)
                glued = 0;
        glued = glued && !*q;
        for (p = w, q = word; under && *p; p++, q++)
            if (*q != (*p == ' ' ? '_' : *p))
                under = 0;
        under = under && !*q;
        if (same || glued || under)
            return w;
    }
    return NULL;
}

/* :references(table[, column][, { onDelete =, onUpdate = }]): the table a
 * name without a schema; options other than the two actions are the Lua
 * method's. */
static int m_references(lua_State *L)
{
    tide_colb *b = self(L);
    int top = lua_gettop(L), col = 3, opts = 4;
    const char *del = NULL, *upd = NULL;
    if (lua_istable(L, 3) && lua_isnoneornil(L, 4))     /* (table, options) */
        col = 0, opts = 3;
    if (b->slow || b->ref || top > 4 || !plain_name(L, 2, 0) ||
        (col && !lua_isnoneornil(L, col) && !plain_name(L, col, 1)) ||
        (!lua_isnoneornil(L, opts) && !lua_istable(L, opts)))
        return delegate(L);
    if (lua_istable(L, opts)) {
        for (lua_pushnil(L); lua_next(L, opts); lua_pop(L, 1)) {
            const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "";
            const char **slot = !strcmp(k, "onDelete") ? &del : !strcmp(k, "onUpdate") ? &upd : NULL;
            if (!slot || lua_type(L, -1) != LUA_TSTRING || !(*slot = action_of(L, -1))) {
                lua_settop(L, top);
                return delegate(L);
            }
        }
    }
    b->ref = keep(L, b, 2, UV_REF);
    if (col && !lua_isnoneornil(L, col))
        b->ref_column = keep(L, b, col, UV_REF_COLUMN);
    b->on_delete = del;
    b->on_update = upd;
    lua_settop(L, 1);
    return 1;
}

static int m_comment(lua_State *L)
{
    tide_colb *b = self(L);
    if (b->slow || b->comment || lua_type(L, 2) != LUA_TSTRING)
        return delegate(L);
    b->comment = keep(L, b, 2, UV_COMMENT);
    lua_settop(L, 1);
    return 1;
}

/* t.col(name) -> a builder   [-0, +1, e] */
static int dsl_col(lua_State *L)
{
    tide_colb *b;
    if (!plain_name(L, 1, 1)) {         /* the Lua check raises, or takes it (" id") */
        lua_pushvalue(L, lua_upvalueindex(2));
        lua_pushvalue(L, 1);
        lua_call(L, 1, 0);
    }
    lua_settop(L, 1);
    b = lua_newuserdatauv(L, sizeof *b, UV_N);
    memset(b, 0, sizeof *b);
    b->magic = TIDE_DSL_MAGIC;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_setmetatable(L, -2);
    lua_insert(L, 1);                   /* the builder at 1, its name at 2 */
    b->name = keep(L, b, 2, UV_NAME);
    lua_settop(L, 1);
    return 1;
}

/* where(level): debug.getinfo(level, "Sl")'s short_src, currentline and
 * source, without the table of six fields it makes (most of the cost of
 * t.table "x").   [-1, +(0|3), e] */
int tide_dsl_where(lua_State *L)
{
    lua_Debug ar;
    if (!lua_getstack(L, (int)luaL_checkinteger(L, 1), &ar) || !lua_getinfo(L, "Sl", &ar))
        return 0;
    lua_pushstring(L, ar.short_src);
    lua_pushinteger(L, ar.currentline);
    lua_pushstring(L, ar.source);
    return 3;
}

/* shadow_of(v) -> the builder's shadow, or nil   [-1, +1, m] */
static int dsl_shadow_of(lua_State *L)
{
    if (!lua_getmetatable(L, 1) || !lua_rawequal(L, -1, lua_upvalueindex(1)) || !lua_touserdata(L, 1))
        return 0;
    tide_dsl_push_shadow(L, 1);
    return 1;
}

#define FLAG(f) ((const char *)offsetof(tide_colb, f))
static const struct { const char *method, *type; lua_CFunction fn; int serial; } fast[] = {
    { "integer", "integer", m_simple, 0 }, { "bigint", "bigint", m_simple, 0 }, { "smallint", "smallint", m_simple, 0 },
    { "boolean", "boolean", m_simple, 0 }, { "real", "real", m_simple, 0 }, { "double", "double", m_simple, 0 },
    { "text", "text", m_simple, 0 }, { "date", "date", m_simple, 0 }, { "time", "time", m_simple, 0 },
    { "timestamp", "timestamp", m_simple, 0 }, { "timestamptz", "timestamptz", m_simple, 0 },
    { "json", "json", m_simple, 0 }, { "jsonb", "jsonb", m_simple, 0 }, { "uuid", "uuid", m_simple, 0 },
    { "bytea", "bytea", m_simple, 0 }, { "blob", "bytea", m_simple, 0 },
    { "serial", "integer", m_simple, 1 }, { "bigserial", "bigint", m_simple, 1 },
    { "smallserial", "smallint", m_simple, 1 },
    { "numeric", NULL, m_numeric, 0 }, { "varchar", "varchar", m_sized, 0 }, { "char", "char", m_sized, 0 },
    { "primary", FLAG(primary), m_flag, 0 }, { "unique", FLAG(unique), m_flag, 0 },
    { "nullable", NULL, m_nullable, 0 }, { "default", NULL, m_default, 0 },
    { "references", NULL, m_references, 0 }, { "comment", NULL, m_comment, 0 },
};

int tide_dsl_columns(lua_State *L)
{
    size_t i;
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    luaL_newmetatable(L, TIDE_DSL_COLUMN);          /* 3 */
    lua_newtable(L);                                /* 4: the methods */
    for (lua_pushnil(L); lua_next(L, 1); lua_pop(L, 1)) {
        const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        lua_CFunction fn = m_delegate;
        const char *type = NULL;
        int serial = 0;
        if (!k || lua_type(L, -1) != LUA_TFUNCTION)
            continue;
        for (i = 0; i < sizeof fast / sizeof *fast; i++)
            if (!strcmp(fast[i].method, k)) {
                fn = fast[i].fn;
                type = fast[i].type;
                serial = fast[i].serial;
            }
        lua_pushvalue(L, -2);
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_pushlightuserdata(L, (void *)type);
        lua_pushboolean(L, serial);
        lua_pushcclosure(L, fn, 4);
        lua_rawset(L, 4);
    }
    if (lua_getmetatable(L, 1))                     /* a misspelt method: Col's own __index says so */
        lua_setmetatable(L, 4);
    lua_setfield(L, 3, "__index");
    lua_pushliteral(L, "tide.schema.column");
    lua_setfield(L, 3, "__name");
    lua_pushvalue(L, 3);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, dsl_col, 2);
    lua_pushvalue(L, 3);
    lua_pushcclosure(L, dsl_shadow_of, 1);
    return 2;
}
