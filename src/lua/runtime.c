/* runtime.c — the tide.core Lua module (tide.Conn, tide.Cursor, tide.Blob,
 * tide.Error) and the embedded runtime: preloaded lua/tide modules and
 * protected calls that turn Lua errors into tide_err values.
 * Rule kept throughout: a C resource is owned by a userdata with __gc before
 * any call that can raise. */
#include "lua/runtime.h"
#include "core/files.h"
#include "db/driver.h"
#include "lua/dsl.h"
#include "lua/model_lua.h"

#include <lauxlib.h>
#include <lualib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONN_MT   "tide.Conn"
#define CURSOR_MT "tide.Cursor"
#define BLOB_MT   "tide.Blob"
#define ERROR_MT  "tide.Error"
#define STMT_MT   "tide.Statement"

typedef struct LCursor LCursor;

/* A connection handle; conn is NULL once closed. Open cursors are linked so
 * that closing the connection finishes them first. */
typedef struct LConn {
    tide_conn *conn;
    LCursor *cursors;
    int borrowed;         /* the connection belongs to C code: never close it */
} LConn;

typedef struct LStmt LStmt;

struct LCursor {
    tide_cursor *cur;
    LConn *owner;
    LCursor *prev, *next;
    LStmt *stmt;          /* the prepared statement it runs, or NULL */
};

/* A prepared statement (db:prepare); st is NULL once closed. Its open
 * cursor, if any, is finished before the statement goes. */
struct LStmt {
    tide_stmt *st;
    LCursor *open;
};

/* ---- errors ----------------------------------------------------------- */

static const char *code_name(int code)
{
    switch (code) {
    case TIDE_ENOMEM:   return "nomem";
    case TIDE_EINVAL:   return "misuse";
    case TIDE_EURL:     return "url";
    case TIDE_ECONNECT: return "connect";
    case TIDE_ESQL:     return "sql";
    case TIDE_ELOCKED:  return "locked";
    case TIDE_ECLOSED:  return "closed";
    case TIDE_EIO:      return "io";
    case TIDE_ECONFIG:  return "config";
    case TIDE_ELUA:     return "lua";
    case TIDE_EINTR:    return "interrupted";
    default:            return "error";
    }
}

static int code_from_name(const char *name)
{
    static const int codes[] = { TIDE_ENOMEM, TIDE_EINVAL, TIDE_EURL, TIDE_ECONNECT, TIDE_ESQL,
                                 TIDE_ELOCKED, TIDE_ECLOSED, TIDE_EIO, TIDE_ECONFIG, TIDE_ELUA,
                                 TIDE_EINTR };
    size_t i;
    for (i = 0; name && i < sizeof codes / sizeof codes[0]; i++)
        if (!strcmp(name, code_name(codes[i])))
            return codes[i];
    return TIDE_ERROR;
}

/* Pushes "file:line:" of the nearest Lua code on the call stack (through
 * C functions such as pcall), or "".   [-0, +1, m] */
static void push_where(lua_State *L)
{
    lua_Debug ar;
    int level;
    for (level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* Pushes a tide.Error table built from err, its message prefixed with the
 * position of the calling Lua code.   [-0, +1, m] */
static void push_error(lua_State *L, const tide_err *err)
{
    lua_createtable(L, 0, 4);
    lua_pushstring(L, code_name(err->code));
    lua_setfield(L, -2, "code");
    push_where(L);
    lua_pushstring(L, err->msg);
    lua_concat(L, 2);
    lua_setfield(L, -2, "message");
    if (err->sqlstate[0]) {
        lua_pushstring(L, err->sqlstate);
        lua_setfield(L, -2, "sqlstate");
    }
    if (err->sql[0]) {
        lua_pushstring(L, err->sql);
        lua_setfield(L, -2, "sql");
    }
    luaL_setmetatable(L, ERROR_MT);
}

static int raise_err(lua_State *L, const tide_err *err)
{
    push_error(L, err);
    return lua_error(L);
}

int tide_runtime_raise(lua_State *L, const tide_err *err)
{
    return raise_err(L, err);
}

/* tostring(err) -> "message\n  statement: sql"   [-0, +1, m] */
static int error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "message");
    lua_getfield(L, 1, "sql");
    if (lua_isstring(L, -1)) {
        lua_pushliteral(L, "\n  statement: ");
        lua_insert(L, -2);
        lua_concat(L, 3);
    } else {
        lua_pop(L, 1);
    }
    if (!lua_isstring(L, -1))
        lua_pushliteral(L, "tide error");
    return 1;
}

/* tide.core.error{code=, message=, sql=, sqlstate=} -> raises   [-0, +0, v] */
static int core_error(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    luaL_setmetatable(L, ERROR_MT);
    return lua_error(L);
}

/* tostring(v) through its __tostring, in a protected call.   [-0, +1, e] */
static int tostring_p(lua_State *L)
{
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* What a Lua user expects of error({...}): its __tostring, else its message
 * field, else its fields as k=v (strings, numbers and booleans), never
 * just "table". The stack is left as it was. */
static void table_message(lua_State *L, int idx, tide_err *err)
{
    size_t len = 0;
    int top = lua_gettop(L);
    if (luaL_getmetafield(L, idx, "__tostring") != LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushcfunction(L, tostring_p);
        lua_pushvalue(L, idx);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            snprintf(err->msg, sizeof err->msg, "%s", lua_tostring(L, -1));
            lua_settop(L, top);
            return;
        }
        lua_settop(L, top);
    }
    if (lua_getfield(L, idx, "message") == LUA_TSTRING) {
        snprintf(err->msg, sizeof err->msg, "%s", lua_tostring(L, -1));
        lua_settop(L, top);
        return;
    }
    lua_settop(L, top);
    err->msg[0] = '\0';
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kt = lua_type(L, -2), vt = lua_type(L, -1);
        if ((kt == LUA_TSTRING || kt == LUA_TNUMBER) && len < sizeof err->msg
            && (vt == LUA_TSTRING || vt == LUA_TNUMBER || vt == LUA_TBOOLEAN)) {
            lua_pushvalue(L, -2);     /* a copy: lua_tostring would change the key lua_next needs */
            len += (size_t)snprintf(err->msg + len, sizeof err->msg - len, "%s%s=%s", len ? ", " : "",
                                    lua_tostring(L, -1),
                                    vt == LUA_TBOOLEAN ? (lua_toboolean(L, -2) ? "true" : "false")
                                                       : lua_tostring(L, -2));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    if (!err->msg[0])
        snprintf(err->msg, sizeof err->msg, "an error table with no message (raise error(\"text\") "
                 "or error({ message = \"text\" }))");
    lua_settop(L, top);
}

void tide_runtime_error_from(lua_State *L, int idx, int code, tide_err *err)
{
    const char *s;
    idx = lua_absindex(L, idx);
    tide_err_clear(err);
    err->code = code;
    if (lua_type(L, idx) == LUA_TTABLE && lua_getmetatable(L, idx)) {
        int is_err;
        luaL_getmetatable(L, ERROR_MT);
        is_err = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
        if (is_err) {
            lua_getfield(L, idx, "code");
            err->code = code_from_name(lua_tostring(L, -1));
            lua_getfield(L, idx, "message");
            snprintf(err->msg, sizeof err->msg, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "error");
            lua_getfield(L, idx, "sqlstate");
            snprintf(err->sqlstate, sizeof err->sqlstate, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "");
            lua_getfield(L, idx, "sql");
            if (lua_isstring(L, -1))
                tide_err_set_sql(err, lua_tostring(L, -1));
            lua_pop(L, 4);
            return;
        }
    }
    if (lua_type(L, idx) == LUA_TTABLE) {
        table_message(L, idx, err);
        return;
    }
    s = lua_tostring(L, idx);
    snprintf(err->msg, sizeof err->msg, "%s", s ? s : luaL_typename(L, idx));
}

/* ---- values ----------------------------------------------------------- */

static int push_buf_p(lua_State *L)
{
    const tide_buf *b = lua_touserdata(L, 1);
    lua_pushlstring(L, b->data ? b->data : "", b->len);
    return 1;
}

/* Pushes b's bytes and frees b, also when the push runs out of memory (the
 * push happens in a protected call, so b is never leaked).   [-0, +1, m] */
int tide_runtime_push_free(lua_State *L, tide_buf *b)
{
    int st;
    if (!lua_checkstack(L, 3)) {
        tide_buf_free(b);
        return luaL_error(L, "stack overflow");
    }
    lua_pushcfunction(L, push_buf_p);     /* a light C function allocates nothing */
    lua_pushlightuserdata(L, b);
    st = lua_pcall(L, 1, 1, 0);
    tide_buf_free(b);
    if (st != LUA_OK)
        return lua_error(L);
    return 1;
}

int tide_runtime_value(lua_State *L, int idx, tide_value *v)
{
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNIL:     v->type = TIDE_V_NULL; return 0;
    case LUA_TBOOLEAN: v->type = TIDE_V_BOOL; v->u.b = lua_toboolean(L, idx); return 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) { v->type = TIDE_V_INT; v->u.i = lua_tointeger(L, idx); }
        else { v->type = TIDE_V_FLOAT; v->u.f = lua_tonumber(L, idx); }
        return 0;
    case LUA_TSTRING:
        v->type = TIDE_V_TEXT;
        v->u.s.p = lua_tolstring(L, idx, &v->u.s.len);
        return 0;
    default:
        if (!luaL_testudata(L, idx, BLOB_MT))
            return -1;
        lua_getiuservalue(L, idx, 1);
        v->type = TIDE_V_BLOB;
        v->u.s.p = lua_tolstring(L, -1, &v->u.s.len);   /* anchored by the blob */
        lua_pop(L, 1);
        return 0;
    }
}

/* Converts the Lua values at first..top into a tide_value array kept alive as
 * a userdata pushed on the stack (strings stay anchored as arguments).
 * [-0, +1, v] */
static tide_value *check_params(lua_State *L, int first, int *n)
{
    int top = lua_gettop(L), i;
    tide_value *vals;
    *n = top >= first ? top - first + 1 : 0;
    vals = lua_newuserdatauv(L, sizeof *vals * (size_t)(*n ? *n : 1), 0);
    for (i = 0; i < *n; i++)
        if (tide_runtime_value(L, first + i, &vals[i]) < 0)
            luaL_argerror(L, first + i, lua_pushfstring(L, "parameter %d: cannot bind a %s "
                          "(use nil, a boolean, a number, a string or tide.blob(s))",
                          i + 1, luaL_typename(L, first + i)));
    return vals;
}

void tide_runtime_push_value(lua_State *L, const tide_value *v)
{
    switch (v->type) {
    case TIDE_V_NULL:  lua_pushnil(L); break;
    case TIDE_V_BOOL:  lua_pushboolean(L, v->u.b); break;
    case TIDE_V_INT:   lua_pushinteger(L, (lua_Integer)v->u.i); break;
    case TIDE_V_FLOAT: lua_pushnumber(L, v->u.f); break;
    default:           lua_pushlstring(L, v->u.s.p ? v->u.s.p : "", v->u.s.len); break;
    }
}

/* Pushes a row as a table keyed by column name; NULLs are absent.  [-0, +1, m] */
static void push_row(lua_State *L, const tide_row *row)
{
    int i;
    lua_createtable(L, 0, row->ncols);
    for (i = 0; i < row->ncols; i++) {
        if (row->vals[i].type == TIDE_V_NULL)
            continue;
        tide_runtime_push_value(L, &row->vals[i]);
        lua_setfield(L, -2, row->names[i]);
    }
}

void tide_runtime_mark_array(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (luaL_newmetatable(L, "tide.Array")) {
        lua_pushliteral(L, "array");
        lua_setfield(L, -2, "__jsontype");
    }
    lua_setmetatable(L, idx);
}

/* tide.blob(s) -> a value bound as binary data   [-0, +1, m] */
static int core_blob(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TSTRING);
    lua_newuserdatauv(L, 0, 1);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, BLOB_MT);
    return 1;
}

/* ---- cursors ---------------------------------------------------------- */

static void cursor_unlink_close(LCursor *lc)
{
    if (!lc->cur)
        return;
    tide_cursor_close(lc->cur);
    lc->cur = NULL;
    if (lc->stmt)
        lc->stmt->open = NULL;
    if (lc->prev) lc->prev->next = lc->next;
    else if (lc->owner) lc->owner->cursors = lc->next;
    if (lc->next) lc->next->prev = lc->prev;
    lc->prev = lc->next = NULL;
}

static int cursor_gc(lua_State *L)
{
    cursor_unlink_close(luaL_checkudata(L, 1, CURSOR_MT));
    return 0;
}

/* Pushes a closed cursor handle that keeps its connection alive.  [-0, +1, m] */
static LCursor *new_cursor(lua_State *L, int conn_idx, LConn *owner)
{
    LCursor *lc = lua_newuserdatauv(L, sizeof *lc, 1);
    memset(lc, 0, sizeof *lc);
    lua_pushvalue(L, conn_idx);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, CURSOR_MT);
    lc->owner = owner;
    return lc;
}

static void cursor_link(LCursor *lc)
{
    lc->next = lc->owner->cursors;
    if (lc->next)
        lc->next->prev = lc;
    lc->owner->cursors = lc;
}

/* ---- connections ------------------------------------------------------ */

static LConn *check_conn(lua_State *L, int idx)
{
    LConn *c = luaL_checkudata(L, idx, CONN_MT);
    if (!c->conn)
        luaL_error(L, "attempt to use a closed database handle (it was closed with db:close())");
    return c;
}

static void conn_release(LConn *c)
{
    while (c->cursors)
        cursor_unlink_close(c->cursors);
    if (!c->borrowed)
        tide_conn_close(c->conn);
    c->conn = NULL;
}

void tide_runtime_push_borrowed_conn(lua_State *L, tide_conn *conn)
{
    LConn *c = lua_newuserdatauv(L, sizeof *c, 0);
    memset(c, 0, sizeof *c);
    luaL_setmetatable(L, CONN_MT);
    c->conn = conn;
    c->borrowed = 1;
}

tide_conn *tide_runtime_conn_of(lua_State *L, int idx)
{
    LConn *c = luaL_testudata(L, idx, CONN_MT);
    return c ? c->conn : NULL;
}

void tide_runtime_release_conn(lua_State *L, int idx)
{
    LConn *c = luaL_testudata(L, idx, CONN_MT);
    if (c)
        conn_release(c);
}

int tide_runtime_push_conn(lua_State *L, const char *url)
{
    tide_err err;
    LConn *c = lua_newuserdatauv(L, sizeof *c, 0);   /* closed before the resource */
    memset(c, 0, sizeof *c);
    luaL_setmetatable(L, CONN_MT);
    tide_err_clear(&err);
    if (tide_conn_open(&c->conn, url, &err) < 0)
        return raise_err(L, &err);
    return 1;
}

/* tide.core.connect(url) -> db   [-0, +1, e] */
static int core_connect(lua_State *L)
{
    return tide_runtime_push_conn(L, luaL_checkstring(L, 1));
}

/* Starts sql with the parameters from index 3 on; leaves the cursor handle
 * on top of the stack.   [-0, +2, e] */
static LCursor *start_query(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    int n;
    tide_value *vals = check_params(L, 3, &n);
    LCursor *lc = new_cursor(L, 1, c);
    tide_err err;
    tide_err_clear(&err);
    (void)vals;
    if (tide_conn_query(c->conn, sql, vals, n, &lc->cur, &err) < 0)
        raise_err(L, &err);
    cursor_link(lc);
    return lc;
}

/* db:exec(sql, ...) -> rows (a list, when the statement returns rows) or the
 * number of rows changed   [-0, +1, e] */
static int collect_rows(lua_State *L, LCursor *lc);

static int conn_exec(lua_State *L)
{
    return collect_rows(L, start_query(L));
}

/* The rows of the cursor as a list, or the number of rows changed when the
 * statement returns none; the cursor is finished.   [-0, +1, e] */
static int collect_rows(lua_State *L, LCursor *lc)
{
    tide_row row;
    tide_err err;
    int rc, n = 0;
    tide_err_clear(&err);
    lua_newtable(L);
    while ((rc = tide_cursor_next(lc->cur, &row, &err)) > 0) {
        push_row(L, &row);
        lua_rawseti(L, -2, ++n);
    }
    if (rc < 0)
        return raise_err(L, &err);
    if (tide_cursor_ncols(lc->cur) == 0)
        lua_pushinteger(L, (lua_Integer)tide_cursor_affected(lc->cur));
    cursor_unlink_close(lc);
    return 1;
}

/* the iterator of db:query   [-0, +1, e] */
static int query_iter(lua_State *L)
{
    LCursor *lc = luaL_checkudata(L, lua_upvalueindex(1), CURSOR_MT);
    tide_row row;
    tide_err err;
    int rc;
    if (!lc->cur)
        return 0;
    tide_err_clear(&err);
    rc = tide_cursor_next(lc->cur, &row, &err);
    if (rc < 0) {
        cursor_unlink_close(lc);
        return raise_err(L, &err);
    }
    if (rc == 0) {
        cursor_unlink_close(lc);
        return 0;
    }
    push_row(L, &row);
    return 1;
}

/* for row in db:query(sql, ...) do ... end   [-0, +4, e]
 * Returns the iterator and the cursor as the loop's to-be-closed value, so
 * leaving the loop early (break, error) releases the statement. */
static int iterate(lua_State *L)
{
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, query_iter, 1);
    lua_pushnil(L);
    lua_pushnil(L);
    lua_rotate(L, -4, -1);   /* iter, nil, nil, cursor */
    return 4;
}

static int conn_query(lua_State *L)
{
    start_query(L);
    return iterate(L);
}

/* ---- prepared statements ------------------------------------------------ */

static int stmt_close(lua_State *L)
{
    LStmt *ls = luaL_checkudata(L, 1, STMT_MT);
    if (ls->open)
        cursor_unlink_close(ls->open);
    tide_stmt_close(ls->st);
    ls->st = NULL;
    return 0;
}

/* db:prepare(sql) -> st, with st:exec(...), st:query(...), st:close()   [-0, +1, e] */
static int conn_prepare(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    LStmt *ls = lua_newuserdatauv(L, sizeof *ls, 1);    /* closed before the resource */
    tide_err err;
    memset(ls, 0, sizeof *ls);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    luaL_setmetatable(L, STMT_MT);
    tide_err_clear(&err);
    if (tide_conn_prepare(c->conn, sql, &ls->st, &err) < 0)
        return raise_err(L, &err);
    return 1;
}

/* Starts the statement at 1 with the parameters from index 2 on; leaves
 * the cursor handle on top of the stack.   [-0, +3, e] */
static LCursor *start_stmt(lua_State *L)
{
    LStmt *ls = luaL_checkudata(L, 1, STMT_MT);
    LConn *c;
    LCursor *lc;
    tide_value *vals;
    tide_err err;
    int n, conn_idx;
    if (!ls->st)
        luaL_error(L, "attempt to use a closed statement (it was closed with st:close())");
    lua_getiuservalue(L, 1, 1);
    conn_idx = lua_gettop(L);
    c = check_conn(L, conn_idx);
    lua_insert(L, 2);                       /* the parameters stay on top */
    conn_idx = 2;
    vals = check_params(L, 3, &n);
    lc = new_cursor(L, conn_idx, c);
    tide_err_clear(&err);
    if (tide_stmt_query(ls->st, vals, n, &lc->cur, &err) < 0)
        raise_err(L, &err);
    lc->stmt = ls;
    ls->open = lc;
    cursor_link(lc);
    return lc;
}

/* st:exec(...) -> rows or the number of rows changed   [-0, +1, e] */
static int stmt_exec(lua_State *L) { return collect_rows(L, start_stmt(L)); }

/* for row in st:query(...) do ... end   [-0, +4, e] */
static int stmt_query(lua_State *L)
{
    start_stmt(L);
    return iterate(L);
}

/* st.sql, st.closed, then methods   [-0, +1, e] */
static int stmt_index(lua_State *L)
{
    LStmt *ls = luaL_checkudata(L, 1, STMT_MT);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "closed")) {
        lua_pushboolean(L, ls->st == NULL);
        return 1;
    }
    if (!strcmp(k, "sql")) {
        if (ls->st) lua_pushstring(L, tide_stmt_sql(ls->st));
        else lua_pushnil(L);
        return 1;
    }
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "methods");
    lua_getfield(L, -1, k);
    return 1;
}

static const luaL_Reg stmt_methods[] = {
    {"exec", stmt_exec}, {"query", stmt_query}, {"close", stmt_close}, {NULL, NULL}
};

/* db:script(sql): several statements, no parameters   [-0, +0, e] */
static int conn_script(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    tide_err err;
    tide_err_clear(&err);
    if (tide_conn_script(c->conn, sql, &err) < 0)
        return raise_err(L, &err);
    return 0;
}

/* db:transaction(fn) -> fn's results; an error rolls back and propagates
 * [-0, +?, e] */
static int conn_transaction(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    tide_err err;
    int st;
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    tide_err_clear(&err);
    if (tide_conn_begin(c->conn, &err) < 0)
        return raise_err(L, &err);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 1);
    st = lua_pcall(L, 1, LUA_MULTRET, 0);
    if (!c->conn) {
        if (st != LUA_OK)
            return lua_error(L);
        return luaL_error(L, "the database handle was closed inside db:transaction()");
    }
    if (st != LUA_OK) {
        tide_err rb;
        tide_err_clear(&rb);
        tide_conn_rollback(c->conn, &rb);   /* the original error matters more */
        return lua_error(L);
    }
    if (tide_conn_commit(c->conn, &err) < 0)
        return raise_err(L, &err);
    return lua_gettop(L) - 2;
}

static int conn_txop(lua_State *L, int (*op)(tide_conn *, tide_err *))
{
    LConn *c = check_conn(L, 1);
    tide_err err;
    tide_err_clear(&err);
    if (op(c->conn, &err) < 0)
        return raise_err(L, &err);
    return 0;
}

static int conn_begin(lua_State *L) { return conn_txop(L, tide_conn_begin); }
static int conn_commit(lua_State *L) { return conn_txop(L, tide_conn_commit); }
static int conn_rollback(lua_State *L) { return conn_txop(L, tide_conn_rollback); }

/* db:lock(key [, timeout_seconds = 60])   [-0, +0, e] */
static int conn_lock(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *key = luaL_checkstring(L, 2);
    lua_Number t = luaL_optnumber(L, 3, 60);
    tide_err err;
    tide_err_clear(&err);
    luaL_argcheck(L, t >= 0 && t < 86400, 3, "timeout must be between 0 and 86400 seconds");
    if (tide_conn_lock(c->conn, key, (int)(t * 1000), &err) < 0)
        return raise_err(L, &err);
    return 0;
}

static int conn_unlock(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *key = luaL_checkstring(L, 2);
    tide_err err;
    tide_err_clear(&err);
    if (tide_conn_unlock(c->conn, key, &err) < 0)
        return raise_err(L, &err);
    return 0;
}

/* db:quote(ident) -> quoted identifier   [-0, +1, m] */
static int conn_quote(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *ident = luaL_checkstring(L, 2);
    tide_buf b = TIDE_BUF_INIT;
    if (tide_conn__driver(c->conn)->quote_ident(&b, ident) < 0) {
        tide_buf_free(&b);
        return luaL_error(L, "cannot quote identifier '%s'", ident);
    }
    return tide_runtime_push_free(L, &b);
}

/* db:literal(value) -> SQL literal   [-0, +1, e] */
static int conn_literal(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    int n, rc;
    tide_value *v;
    tide_buf b = TIDE_BUF_INIT;
    lua_settop(L, 2);
    v = check_params(L, 2, &n);
    rc = tide_conn__driver(c->conn)->quote_literal(&b, v);
    if (rc < 0) {
        tide_buf_free(&b);
        return luaL_error(L, "cannot write this value as a SQL literal "
                          "(text with a NUL byte? bind it as a parameter instead)");
    }
    return tide_runtime_push_free(L, &b);
}

/* db:columns(table [, schema]) -> the names of the table's columns, in
 * order; an empty list when there is no such table   [-0, +1, e] */
static int conn_columns(lua_State *L)
{
    LConn *c = check_conn(L, 1);
    const char *table = luaL_checkstring(L, 2), *schema = luaL_optstring(L, 3, NULL);
    LCursor *lc = new_cursor(L, 1, c);
    tide_row row;
    tide_err err;
    int rc, n = 0;
    tide_err_clear(&err);
    if (tide_conn_columns(c->conn, schema, table, &lc->cur, &err) < 0)
        return raise_err(L, &err);
    cursor_link(lc);
    lua_newtable(L);
    while ((rc = tide_cursor_next(lc->cur, &row, &err)) > 0) {
        if (row.ncols < 1 || row.vals[0].type == TIDE_V_NULL)
            continue;
        tide_runtime_push_value(L, &row.vals[0]);
        lua_rawseti(L, -2, ++n);
    }
    if (rc < 0)
        return raise_err(L, &err);
    cursor_unlink_close(lc);
    return 1;
}

static int conn_close(lua_State *L)
{
    conn_release(luaL_checkudata(L, 1, CONN_MT));
    return 0;
}

static int conn_tostring(lua_State *L)
{
    LConn *c = luaL_checkudata(L, 1, CONN_MT);
    if (c->conn)
        lua_pushfstring(L, "tide.Conn (%s)", tide_conn_url(c->conn));
    else
        lua_pushliteral(L, "tide.Conn (closed)");
    return 1;
}

static const luaL_Reg conn_methods[] = {
    {"exec", conn_exec}, {"query", conn_query}, {"script", conn_script},
    {"transaction", conn_transaction}, {"begin", conn_begin}, {"commit", conn_commit},
    {"rollback", conn_rollback}, {"lock", conn_lock}, {"unlock", conn_unlock},
    {"quote", conn_quote}, {"literal", conn_literal}, {"close", conn_close},
    {"prepare", conn_prepare}, {"columns", conn_columns},
    {NULL, NULL}
};

/* db.dialect, db.url, db.txdepth, db.closed, then methods   [-0, +1, e] */
static int conn_index(lua_State *L)
{
    LConn *c = luaL_checkudata(L, 1, CONN_MT);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "closed")) {
        lua_pushboolean(L, c->conn == NULL);
        return 1;
    }
    if (!strcmp(k, "dialect") || !strcmp(k, "url") || !strcmp(k, "txdepth")) {
        check_conn(L, 1);
        if (k[0] == 'd') lua_pushstring(L, tide_conn_dialect(c->conn));
        else if (k[0] == 'u') lua_pushstring(L, tide_conn_url(c->conn));
        else lua_pushinteger(L, tide_conn_txdepth(c->conn));
        return 1;
    }
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "methods");
    lua_getfield(L, -1, k);
    return 1;
}

static const luaL_Reg core_funcs[] = {
    {"connect", core_connect}, {"blob", core_blob}, {"error", core_error},
    {"checkSchema", tide_model_lua_check}, {"schemaColumns", tide_dsl_columns},
    {"where", tide_dsl_where},
    {NULL, NULL}
};

static int core_mask_url(lua_State *L)
{
    tide_buf b = TIDE_BUF_INIT;
    char *m = tide_url_mask(luaL_checkstring(L, 1));
    if (!m)
        return luaL_error(L, "out of memory");
    b.data = m;
    b.len = b.cap = strlen(m);
    return tide_runtime_push_free(L, &b);
}

void tide_runtime_class(lua_State *L, const char *name, lua_CFunction index, lua_CFunction close,
                        const luaL_Reg *methods)
{
    luaL_newmetatable(L, name);
    lua_pushcfunction(L, index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, close);
    lua_setfield(L, -2, "__close");
    lua_newtable(L);                /* not luaL_newlib: it sizes an array, this is a pointer */
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "methods");
}

int tide_runtime_open_base(lua_State *L)
{
    tide_runtime_class(L, CONN_MT, conn_index, conn_close, conn_methods);
    lua_pushcfunction(L, conn_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);

    tide_runtime_class(L, STMT_MT, stmt_index, stmt_close, stmt_methods);
    lua_pop(L, 1);

    luaL_newmetatable(L, CURSOR_MT);
    lua_pushcfunction(L, cursor_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, cursor_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);

    luaL_newmetatable(L, BLOB_MT);
    lua_pop(L, 1);

    luaL_newmetatable(L, ERROR_MT);
    lua_pushcfunction(L, error_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);

    luaL_newlib(L, core_funcs);
    lua_pushcfunction(L, core_mask_url);
    lua_setfield(L, -2, "mask_url");
    lua_pushliteral(L, TIDE_VERSION);
    lua_setfield(L, -2, "version");
    luaL_getmetatable(L, ERROR_MT);
    lua_setfield(L, -2, "Error");
    return 1;
}

/* Message handler: tide.Error objects pass through; other errors get a
 * traceback only when TIDE_VERBOSE asks for one.   [-1, +1, m] */
static int msgh(lua_State *L)
{
    const char *v = getenv("TIDE_VERBOSE");
    if (lua_type(L, 1) == LUA_TTABLE || !(v && *v && strcmp(v, "0")))
        return 1;
    luaL_traceback(L, L, luaL_tolstring(L, 1, NULL), 1);
    return 1;
}

int tide_runtime_pcall(lua_State *L, int nargs, int nresults, tide_err *err)
{
    int base = lua_gettop(L) - nargs, st;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    st = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (st == LUA_OK)
        return 0;
    tide_runtime_error_from(L, -1, st == LUA_ERRMEM ? TIDE_ENOMEM : TIDE_ELUA, err);
    lua_pop(L, 1);
    return err->code;
}

/* Loads text as a chunk named by the string on top of the stack, which it
 * replaces.   [-1, +1 (on success) or +0, -] */
static int load_named(lua_State *L, const char *text, size_t len, tide_err *err)
{
    /* luaL_loadbufferx reports a memory error as a status, it does not raise */
    int st = luaL_loadbufferx(L, text, len, lua_tostring(L, -1), "t");
    lua_remove(L, -2);
    if (st == LUA_OK)
        return 0;
    tide_runtime_error_from(L, -1, st == LUA_ERRMEM ? TIDE_ENOMEM : TIDE_ELUA, err);
    lua_pop(L, 1);
    return err->code;
}

int tide_runtime_loadfile(lua_State *L, const char *path, const char *display, tide_err *err)
{
    tide_buf b = TIDE_BUF_INIT;
    tide_err read_err;
    const char *why;
    int st;
    lua_pushfstring(L, "@%s", display);     /* may raise: before anything is held */
    if (tide_file_read(path, &b, &read_err) < 0) {  /* a large file in one read of its size */
        tide_buf_free(&b);
        lua_pop(L, 1);
        if (read_err.code == TIDE_ENOMEM)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory reading '%s'", display);
        why = strstr(read_err.msg, "': ");  /* "cannot read 'PATH': REASON", said of display */
        return tide_err_set(err, TIDE_EIO, "cannot read '%s': %s", display, why ? why + 3 : read_err.msg);
    }
    st = load_named(L, b.data ? b.data : "", b.len, err);
    tide_buf_free(&b);
    return st;
}

int tide_runtime_loadtext(lua_State *L, const char *text, size_t len, const char *display, tide_err *err)
{
    lua_pushfstring(L, "@%s", display);     /* may raise: the caller holds the text */
    return load_named(L, text, len, err);
}

/* What a sandboxed chunk reads beyond itself. A chunk that reaches for a
 * file, the environment or a module other than tide's sets the registry's
 * OUTSIDE flag (tide_runtime_reads_outside), so that a cache keyed on the
 * chunk's text knows it cannot trust that key. */
static const char OUTSIDE[] = "tide.reads_outside";

static void mark_outside(lua_State *L)
{
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, OUTSIDE);
}

/* require(name) through the sandbox: tide's own modules read nothing else. */
static int sandbox_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (strcmp(name, "tide") && strncmp(name, "tide.", 5))
        mark_outside(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* __index(env, key): the global, noting keys that reach outside the chunk. */
static int sandbox_index(lua_State *L)
{
    static const char *const outside[] = { "io", "os", "dofile", "loadfile", "load", "package",
                                           "debug", "collectgarbage", "_G", NULL };
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    int i;
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!key)
        return 1;
    for (i = 0; outside[i]; i++)
        if (!strcmp(key, outside[i]))
            mark_outside(L);
    if (!strcmp(key, "require") && lua_isfunction(L, -1)) {
        lua_pushcclosure(L, sandbox_require, 1);
    }
    return 1;
}

void tide_runtime_outside_reset(lua_State *L)
{
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, OUTSIDE);
}

int tide_runtime_reads_outside(lua_State *L)
{
    int r;
    lua_getfield(L, LUA_REGISTRYINDEX, OUTSIDE);
    r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* Gives the chunk at 1 an environment of its own, setmetatable({}, {
 * __index = sandbox_index }) reading _G, as its _ENV (a main chunk's only
 * upvalue).   [-1, +0, m] */
static int sandbox_p(lua_State *L)
{
    lua_newtable(L);
    lua_newtable(L);
    lua_pushglobaltable(L);
    lua_pushcclosure(L, sandbox_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    if (!lua_setupvalue(L, 1, 1))
        lua_pop(L, 1);
    return 0;
}

int tide_runtime_loadfile_sandboxed(lua_State *L, const char *path, tide_err *err)
{
    return tide_runtime_loadtext_sandboxed(L, path, NULL, 0, err);
}

int tide_runtime_loadtext_sandboxed(lua_State *L, const char *path, const char *text, size_t len,
                                    tide_err *err)
{
    int rc;
    if ((rc = text ? tide_runtime_loadtext(L, text, len, path, err) : tide_runtime_loadfile(L, path, path, err)) < 0)
        return rc;
    if (!lua_checkstack(L, 3)) {
        lua_pop(L, 1);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory loading '%s'", path);
    }
    lua_pushcfunction(L, sandbox_p);        /* a light C function: allocates nothing */
    lua_pushvalue(L, -2);
    if ((rc = tide_runtime_pcall(L, 1, 0, err)) < 0)
        lua_pop(L, 1);
    return rc;
}
