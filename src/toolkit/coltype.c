/* coltype.c — m:changeColumnType{ table=, column=, to=, using=, key=,
 * batch=, default= } (SPEC 7): a new column of the new type is added,
 * filled from the old one (by an SQL expression, the database's own cast,
 * or a Lua function called row by row in keyset batches), checked, and
 * then swapped in: the column keeps its name, place, indexes, keys and
 * checks, because the swap is the diff's own type change with the new
 * column as the value to convert (PostgreSQL: ALTER COLUMN ... TYPE ...
 * USING; SQLite: the table rebuild copying it). A value that does not
 * convert stops the migration with the row's key and the value, while the
 * old column is still untouched. */
#include "toolkit/toolkit.h"
#include "db/driver.h"
#include "lua/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct change {
    const char *table, *column, *to, *key, *using_sql, *dflt;
    int using_fn;                 /* stack index of the Lua function, or 0 */
    int batch;
    char tmp[300];                /* <column>__tide_new */
    char keyname[300];            /* the key column (key= or the primary key's) */
    tide_buf qt, qc, qtmp, qkey;  /* quoted table, column, new column, key */
} change;

static void read_opts(lua_State *L, change *c)
{
    static const char *const keys[] = { "table", "column", "to", "using", "key", "batch", "default", NULL };
    int k;
    luaL_checktype(L, 2, LUA_TTABLE);
    for (lua_pushnil(L); lua_next(L, 2); lua_pop(L, 1)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        for (k = 0; key && keys[k] && strcmp(keys[k], key); k++)
            ;
        if (!key || !keys[k])
            luaL_error(L, "m:changeColumnType: unknown option '%s' (it takes table, column, to, using, "
                       "key, batch, default)", key ? key : luaL_typename(L, -2));
    }
    lua_getfield(L, 2, "table");
    lua_getfield(L, 2, "column");
    lua_getfield(L, 2, "to");
    lua_getfield(L, 2, "key");
    lua_getfield(L, 2, "default");
    lua_getfield(L, 2, "batch");
    lua_getfield(L, 2, "using");
    c->table = lua_tostring(L, -7);
    c->column = lua_tostring(L, -6);
    c->to = lua_tostring(L, -5);
    c->key = lua_tostring(L, -4);
    c->dflt = lua_tostring(L, -3);
    c->batch = lua_isnil(L, -2) ? 1000 : (int)luaL_checkinteger(L, -2);
    if (!c->table || !c->column || !c->to)
        luaL_error(L, "m:changeColumnType: table, column and to (the new type) are required");
    if (c->batch < 1)
        luaL_error(L, "m:changeColumnType: batch must be at least 1");
    if (lua_isfunction(L, -1))
        c->using_fn = lua_gettop(L);
    else if (!lua_isnil(L, -1) && !(c->using_sql = lua_tostring(L, -1)))
        luaL_error(L, "m:changeColumnType: using is an SQL expression or a function(value)");
    snprintf(c->tmp, sizeof c->tmp, "%s__tide_new", c->column);
}

/* The key column: key=, or the table's one-column primary key. */
static int key_of(tk_edit *e, change *c)
{
    const tide_table *t = e->cur_table;
    if (!c->key && t->npk == 1) {
        snprintf(c->keyname, sizeof c->keyname, "%s", t->pk[0]);   /* t goes with the edit */
        c->key = c->keyname;
    }
    if (!c->key)
        return tk_fail(e, TIDE_EINVAL, "table '%s' has no one-column primary key; name a unique, "
                       "not null column with key = \"...\"", c->table);
    return tk_column(e, c->key) < 0 ? -1 : 0;
}

static int quote_all(tk_edit *e, change *c)
{
    int rc;
    if (tk_qtable(e, e->cur_table, &c->qt) < 0)
        return -1;
    rc = e->drv->quote_ident(&c->qc, c->column);
    if (rc == 0) rc = e->drv->quote_ident(&c->qtmp, c->tmp);
    if (rc == 0) rc = e->drv->quote_ident(&c->qkey, c->key);
    return rc < 0 ? tk_fail(e, TIDE_ENOMEM, "out of memory") : 0;
}

/* The new column as next's copy of the old one, with the new type. */
static int retype(tk_edit *e, tide_column *col, const change *c)
{
    tide_buf canon = { 0 };
    const char *dot = strchr(c->to, '.');
    int rc = 0;
    col->is_enum = tide_schema_find_enum(e->cur, NULL, c->to) != NULL ||
                   (dot && tide_schema_find_enum(e->cur, NULL, dot + 1) != NULL);
    if (!col->is_enum && (rc = tide_model_canonical_type(c->to, &canon)) < 0)
        return tk_fail(e, TIDE_ENOMEM, "out of memory");
    col->type = tide_schema_str(e->next, col->is_enum ? c->to : canon.data);
    col->declared = col->is_enum ? NULL : tide_schema_str(e->next, c->to);   /* as written */
    col->autoincrement = 0;
    col->default_server = NULL;                 /* the server's text casts to the old type */
    if (c->dflt)
        col->default_expr = col->default_text = tide_schema_str(e->next, c->dflt);
    tide_buf_free(&canon);
    return 0;
}

/* ---- step 1: the new column ---------------------------------------------------- */

static int add_new_column(lua_State *L, change *c, tide_err *err)
{
    tk_edit e;
    int at, rc = -1;
    if (tk_begin(&e, L, "m:changeColumnType", c->table) == 0 && (at = tk_column(&e, c->column)) >= 0 &&
        key_of(&e, c) == 0 && quote_all(&e, c) == 0) {
        tide_column copy = e.table->columns[at], *col;
        int old = tk_column(&e, c->tmp);
        memset(&e.err, 0, sizeof e.err);           /* a leftover of a killed run goes */
        if (old >= 0) {
            memmove(&e.table->columns[old], &e.table->columns[old + 1],
                    sizeof copy * (size_t)(e.table->ncolumns - old - 1));
            e.table->ncolumns--;
            if (tk_finish(&e, NULL) == 0)
                tk_fail(&e, TIDE_EINVAL, "a column '%s' was left by an interrupted run and was dropped; "
                        "run the migration again", c->tmp);
        } else if (!(col = tide_table_add_column(e.next, e.table, c->tmp, NULL))) {
            tk_fail(&e, TIDE_ENOMEM, "out of memory");
        } else {
            *col = copy;
            col->name = tide_schema_str(e.next, c->tmp);
            col->nullable = 1;
            col->default_expr = NULL;
            col->comment = NULL;
            if (retype(&e, col, c) == 0 && tk_finish(&e, NULL) == 0)
                rc = 0;
        }
    }
    *err = e.err;
    e.err.code = 0;
    tk_done(&e);
    return rc;
}

/* ---- step 2: filling it ---------------------------------------------------------- */

/* "row id = 7 (value 'abc')" for messages. */
static void describe_row(tide_buf *out, const change *c, const tide_value *key, const tide_value *val)
{
    const tide_value *v[2] = { key, val };
    int i;
    tide_buf_printf(out, "row %s = ", c->key);
    for (i = 0; i < 2; i++) {
        if (i)
            tide_buf_puts(out, " (value ");
        switch (v[i]->type) {
        case TIDE_V_NULL: tide_buf_puts(out, "null"); break;
        case TIDE_V_BOOL: tide_buf_puts(out, v[i]->u.b ? "true" : "false"); break;
        case TIDE_V_INT: tide_buf_printf(out, "%lld", (long long)v[i]->u.i); break;
        case TIDE_V_FLOAT: tide_buf_printf(out, "%.17g", v[i]->u.f); break;
        case TIDE_V_TEXT: tide_buf_printf(out, "'%.*s'", (int)(v[i]->u.s.len > 200 ? 200 : v[i]->u.s.len),
                                          v[i]->u.s.p); break;
        case TIDE_V_BLOB: tide_buf_printf(out, "a blob of %zu bytes", v[i]->u.s.len); break;
        }
    }
    tide_buf_putc(out, ')');
}

/* A batch of rows (key, value) after `after` (NULL: from the start), as a
 * Lua list of {key, value} pairs pushed on the stack (also on failure).
 * Returns the number of rows or a negative code. */
static int fetch_batch(lua_State *L, tide_conn *conn, const change *c, const tide_value *after, tide_err *err)
{
    tide_buf sql = { 0 };
    tide_cursor *cur = NULL;
    tide_row row;
    int rc, n = 0;
    lua_newtable(L);
    if (after)
        rc = tide_buf_printf(&sql, "select %s, %s from %s where %s > ? order by %s limit %d", c->qkey.data,
                             c->qc.data, c->qt.data, c->qkey.data, c->qkey.data, c->batch);
    else
        rc = tide_buf_printf(&sql, "select %s, %s from %s order by %s limit %d", c->qkey.data, c->qc.data,
                             c->qt.data, c->qkey.data, c->batch);
    if (rc == 0)
        rc = tide_conn_query(conn, sql.data, after, after ? 1 : 0, &cur, err);
    while (rc == 0 && (rc = tide_cursor_next(cur, &row, err)) == 1) {
        int i;
        lua_createtable(L, 2, 0);
        for (i = 0; i < 2; i++) {
            tide_runtime_push_value(L, &row.vals[i]);
            lua_rawseti(L, -2, i + 1);
        }
        lua_rawseti(L, -2, ++n);
        rc = 0;
    }
    tide_cursor_close(cur);
    tide_buf_free(&sql);
    return rc < 0 ? rc : n;
}


/* Calls each(L, conn, c, pair index, ud) for every row in key order, batch
 * by batch, then done(L, conn, c, list index, n, ud) for the batch (when
 * given), each batch in a transaction of its own (a savepoint inside the
 * migration's); the batch (a list of {key, value}) is on the stack during
 * the calls, which must leave the stack as they found it. */
typedef int (*row_fn)(lua_State *L, tide_conn *conn, const change *c, int pair, void *ud);
typedef int (*batch_fn)(lua_State *L, tide_conn *conn, const change *c, int list, int n, void *ud);

static int each_row(lua_State *L, tide_conn *conn, const change *c, tide_err *err, row_fn each,
                    batch_fn done, void *ud)
{
    int top = lua_gettop(L), rc = 0, n, i;
    lua_pushnil(L);                                     /* top + 1: the last key done */
    for (;;) {
        tide_value after;
        int has = !lua_isnil(L, top + 1);
        if (has)
            tide_runtime_value(L, top + 1, &after);
        if ((rc = n = fetch_batch(L, conn, c, has ? &after : NULL, err)) <= 0)
            break;
        if ((rc = tide_conn_begin(conn, err)) < 0)       /* a batch at a time */
            break;
        for (i = 1; i <= n && rc >= 0; i++) {
            lua_rawgeti(L, top + 2, i);
            rc = each(L, conn, c, lua_gettop(L), ud);
            lua_settop(L, top + 2);
        }
        if (rc >= 0 && done)
            rc = done(L, conn, c, top + 2, n, ud);
        if (rc >= 0 && (rc = tide_conn_commit(conn, err)) < 0)
            break;
        if (rc < 0) {
            tide_err ignored;
            tide_conn_rollback(conn, &ignored);
        }
        if (rc < 0 || n < c->batch)
            break;
        lua_rawgeti(L, top + 2, n);
        lua_rawgeti(L, -1, 1);
        lua_replace(L, top + 1);
        lua_settop(L, top + 1);
    }
    lua_settop(L, top);
    return rc < 0 ? rc : 0;
}

typedef struct by_fn {
    const char *one;       /* update ... set new = ? where key = ? */
    const char *cast;      /* a parameter cast to the new type: "?" or "?::integer" */
    tide_err *err;
} by_fn;

static void pair_values(lua_State *L, int pair, tide_value *key, tide_value *val)
{
    lua_rawgeti(L, pair, 1);
    lua_rawgeti(L, pair, 2);
    tide_runtime_value(L, -2, key);
    tide_runtime_value(L, -1, val);
}

/* value = fn(old value), kept as the pair's third entry. */
static int convert_row(lua_State *L, tide_conn *conn, const change *c, int pair, void *ud)
{
    by_fn *b = ud;
    tide_value key, val, out;
    tide_buf row = { 0 };
    int rc = 0;
    (void)conn;
    pair_values(L, pair, &key, &val);
    lua_pushvalue(L, c->using_fn);
    lua_pushvalue(L, -2);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || tide_runtime_value(L, -1, &out) < 0) {
        const char *why = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        describe_row(&row, c, &key, &val);
        rc = tide_err_set(b->err, TIDE_ELUA, "%s: the function given as using %s%s%s; nothing was changed",
                          row.data, why ? "failed: " : "returned a ", why ? why : luaL_typename(L, -1),
                          why ? "" : " (return a number, string, boolean, tide.blob(s) or nil)");
    } else {
        lua_rawseti(L, pair, 3);
    }
    tide_buf_free(&row);
    return rc;
}

/* The row of the chunk whose value the database refuses, updated one by one. */
static int blame_row(lua_State *L, tide_conn *conn, const change *c, int list, int from, int to, by_fn *b)
{
    tide_buf row = { 0 };
    int i, rc = 0;
    for (i = from; i <= to && rc == 0; i++) {
        tide_value key, val, params[2];
        lua_rawgeti(L, list, i);
        pair_values(L, lua_gettop(L), &key, &val);
        lua_rawgeti(L, -3, 3);
        tide_runtime_value(L, -1, &params[0]);
        params[1] = key;
        if ((rc = tide_conn_exec(conn, b->one, params, 2, NULL, b->err)) < 0) {
            describe_row(&row, c, &key, &val);
            tide_err_wrap(b->err, row.data, "; nothing was changed");
        }
        lua_pop(L, 4);
    }
    tide_buf_free(&row);
    return rc;
}

/* Writes a batch's converted values, up to CHUNK rows per statement:
 * update T set new = case key when ? then ? ... end where key in (?, ...). */
enum { CHUNK = 100 };

static int write_batch(lua_State *L, tide_conn *conn, const change *c, int list, int n, void *ud)
{
    by_fn *b = ud;
    tide_value params[CHUNK * 3];
    tide_buf sql = { 0 };
    tide_err ignored;
    int from, rc = 0;
    for (from = 1; from <= n && rc == 0; from += CHUNK) {
        int to = from + CHUNK - 1 < n ? from + CHUNK - 1 : n, i, k = 0, top = lua_gettop(L);
        if (!lua_checkstack(L, CHUNK * 3 + 8))          /* the values stay anchored */
            return tide_err_set(b->err, TIDE_ENOMEM, "out of memory");
        tide_buf_reset(&sql);
        tide_buf_printf(&sql, "update %s set %s = case %s", c->qt.data, c->qtmp.data, c->qkey.data);
        for (i = from; i <= to; i++) {
            lua_rawgeti(L, list, i);
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 3);
            tide_runtime_value(L, -2, &params[k++]);
            tide_runtime_value(L, -1, &params[k++]);
            tide_buf_printf(&sql, " when ? then %s", b->cast);
        }
        tide_buf_printf(&sql, " end where %s in (", c->qkey.data);
        for (i = from; i <= to; i++) {
            params[k] = params[(i - from) * 2];
            k++;
            tide_buf_puts(&sql, i > from ? ", ?" : "?");
        }
        tide_buf_putc(&sql, ')');
        if ((rc = tide_conn_begin(conn, b->err)) == 0) {
            if (tide_conn_exec(conn, sql.data, params, k, NULL, b->err) == 0) {
                rc = tide_conn_commit(conn, b->err);
            } else {                                /* which row? */
                tide_conn_rollback(conn, &ignored);
                memset(b->err, 0, sizeof *b->err);
                rc = blame_row(L, conn, c, list, from, to, b);
            }
        }
        lua_settop(L, top);
    }
    tide_buf_free(&sql);
    return rc;
}

typedef struct by_sql {
    const char *sql;       /* update ... set new = (expr) where key = ? */
    tide_err *err;
    int found;
} by_sql;

/* The row-by-row search for the row an UPDATE of them all failed on. */
static int try_row(lua_State *L, tide_conn *conn, const change *c, int pair, void *ud)
{
    by_sql *b = ud;
    tide_value key, val;
    tide_err ignored;
    tide_buf row = { 0 };
    int bad;
    pair_values(L, pair, &key, &val);
    if (tide_conn_begin(conn, b->err) < 0)
        return -1;
    bad = tide_conn_exec(conn, b->sql, &key, 1, NULL, b->err) < 0;
    tide_conn_rollback(conn, &ignored);
    if (!bad)
        return 0;
    describe_row(&row, c, &key, &val);
    tide_err_wrap(b->err, row.data, "; nothing was changed");
    tide_buf_free(&row);
    b->found = 1;
    return -1;
}

/* Fills the new column row by row: value = fn(old value), batch by batch. */
static int fill_by_function(lua_State *L, tide_conn *conn, const change *c, const char *cast, tide_err *err)
{
    tide_buf sql = { 0 };
    by_fn b;
    int rc;
    tide_buf_printf(&sql, "update %s set %s = %s where %s = ?", c->qt.data, c->qtmp.data, cast, c->qkey.data);
    b.one = sql.data;
    b.cast = cast;
    b.err = err;
    rc = each_row(L, conn, c, err, convert_row, write_batch, &b);
    tide_buf_free(&sql);
    return rc;
}

/* Fills the new column with one UPDATE; when it fails, finds the first row
 * that does not convert, for the message. */
static int fill_by_sql(lua_State *L, tide_conn *conn, const change *c, const char *expr, tide_err *err)
{
    tide_buf sql = { 0 }, one = { 0 };
    tide_err ignored, first;
    by_sql b;
    int rc;
    tide_buf_printf(&sql, "update %s set %s = (%s)", c->qt.data, c->qtmp.data, expr);
    if ((rc = tide_conn_begin(conn, err)) == 0) {
        if ((rc = tide_conn_exec(conn, sql.data, NULL, 0, NULL, err)) == 0) {
            rc = tide_conn_commit(conn, err);
        } else {
            first = *err;
            tide_conn_rollback(conn, &ignored);
            tide_buf_printf(&one, "%s where %s = ?", sql.data, c->qkey.data);
            memset(&b, 0, sizeof b);
            b.sql = one.data;
            b.err = err;
            rc = each_row(L, conn, c, err, try_row, NULL, &b);
            if (!b.found) {
                *err = first;                   /* no single row fails alone */
                tide_err_wrap(err, NULL, "; nothing was changed");
            }
            rc = err->code;
        }
    }
    tide_buf_free(&sql);
    tide_buf_free(&one);
    return rc;
}

/* Rows whose new value is wrong (pred over the table), with a sample. */
static int refuse_rows(tide_conn *conn, const change *c, const char *pred, const char *why, tide_err *err)
{
    tide_buf sql = { 0 }, msg = { 0 };
    tide_cursor *cur = NULL;
    tide_row row;
    int rc, n = 0;
    tide_buf_printf(&sql, "select %s, %s from %s where %s order by %s", c->qkey.data, c->qc.data,
                    c->qt.data, pred, c->qkey.data);
    rc = tide_conn_query(conn, sql.data, NULL, 0, &cur, err);
    while (rc == 0 && (rc = tide_cursor_next(cur, &row, err)) == 1) {
        if (n++ < 5) {
            tide_buf_puts(&msg, n > 1 ? ", " : "");
            describe_row(&msg, c, &row.vals[0], &row.vals[1]);
        }
        rc = 0;
    }
    tide_cursor_close(cur);
    if (rc == 0 && n > 0)
        rc = tide_err_set(err, TIDE_EINVAL, "%d row%s of %s.%s %s: %s%s; nothing was changed", n,
                          n == 1 ? "" : "s", c->table, c->column, why, msg.data, n > 5 ? ", ..." : "");
    tide_buf_free(&sql);
    tide_buf_free(&msg);
    return rc;
}

static int fill_new_column(lua_State *L, tide *t, change *c, tide_column *to, int not_null, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_buf expr = { 0 }, misfit = { 0 }, pred = { 0 };
    int rc;
    if (drv->version < 3 || !drv->convert)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot convert columns", drv->name);
    if ((rc = drv->convert(to, c->qc.data, c->qtmp.data, &expr, &misfit)) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (c->using_fn) {
        tide_buf cast = { 0 }, none = { 0 };
        rc = drv->convert(to, "?", c->qtmp.data, &cast, &none);
        rc = rc < 0 ? tide_err_set(err, TIDE_ENOMEM, "out of memory")
                    : fill_by_function(L, t->conn, c, cast.data, err);
        tide_buf_free(&cast);
        tide_buf_free(&none);
    }
    else
        rc = fill_by_sql(L, t->conn, c, c->using_sql ? c->using_sql : expr.data, err);
    if (rc == 0 && misfit.len)
        rc = refuse_rows(t->conn, c, misfit.data, "did not convert", err);
    if (rc == 0 && not_null) {
        tide_buf_printf(&pred, "%s is null and %s is not null", c->qtmp.data, c->qc.data);
        rc = refuse_rows(t->conn, c, pred.data, "converted to null in a not null column", err);
    }
    tide_buf_free(&expr);
    tide_buf_free(&misfit);
    tide_buf_free(&pred);
    return rc;
}

/* ---- step 3: the swap -------------------------------------------------------------- */

static int swap(lua_State *L, change *c, tide_err *err)
{
    tk_edit e;
    int at, tmp, rc = -1;
    if (tk_begin(&e, L, "m:changeColumnType", c->table) == 0 && (at = tk_column(&e, c->column)) >= 0 &&
        (tmp = tk_column(&e, c->tmp)) >= 0 && retype(&e, &e.table->columns[at], c) == 0 &&
        tk_fill(&e, e.table, c->column, c->qtmp.data) == 0) {
        memmove(&e.table->columns[tmp], &e.table->columns[tmp + 1],
                sizeof *e.table->columns * (size_t)(e.table->ncolumns - tmp - 1));
        e.table->ncolumns--;
        rc = tk_finish(&e, NULL);
    }
    *err = e.err;
    e.err.code = 0;
    tk_done(&e);
    return rc;
}

int tide_tk_change_column_type(lua_State *L)
{
    change c;
    tide_err err;
    tide *t;
    int rc;
    memset(&c, 0, sizeof c);
    memset(&err, 0, sizeof err);
    read_opts(L, &c);
    t = tide_context__tide(L, 1);
    rc = add_new_column(L, &c, &err);
    if (rc == 0) {
        tk_edit e;                      /* the new column, as the database has it now */
        if (tk_begin(&e, L, "m:changeColumnType", c.table) == 0) {
            int at = tk_column(&e, c.tmp), col = tk_column(&e, c.column);
            if (at >= 0 && col >= 0) {
                tide_column to = e.table->columns[at];
                rc = fill_new_column(L, t, &c, &to, !e.table->columns[col].nullable, &err);
                if (rc < 0)
                    tide_err_wrap(&err, "m:changeColumnType: ", NULL);
            } else {
                rc = -1;
                err = e.err;
            }
        } else {
            rc = -1;
            err = e.err;
        }
        e.err.code = 0;
        tk_done(&e);
    }
    if (rc == 0)
        rc = swap(L, &c, &err);
    tide_buf_free(&c.qt);
    tide_buf_free(&c.qc);
    tide_buf_free(&c.qtmp);
    tide_buf_free(&c.qkey);
    if (rc < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}
