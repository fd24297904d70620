/* toolkit_enum.c — the enum helpers of m (SPEC 7): m:addEnumValue,
 * m:renameEnumValue and m:replaceEnum{ type=, values=, map=, table=,
 * column= }. PostgreSQL: ALTER TYPE for an added or renamed value; a
 * replace is a new type, every column cast through the mapping, the old
 * type dropped. SQLite: the tables whose columns use the enum are rebuilt
 * with the new check, their rows copied through the mapping. Rows holding a
 * value the new type lacks and the map does not move stop the migration,
 * with their count and a sample, before anything is changed. */
#include "toolkit/toolkit.h"
#include "db/driver.h"

#include <stdlib.h>
#include <string.h>

/* "name" or "schema.name". */
static tide_enum *find_enum(const tide_schema *s, const char *type)
{
    const char *name;
    char ns[128];
    const tide_enum *en = tide_schema_find_enum(s, NULL, type);
    if (!en && tk_split(type, ns, sizeof ns, &name))
        en = tide_schema_find_enum(s, ns, name);
    return (tide_enum *)en;
}

static int value_at(const tide_enum *en, const char *v)
{
    int i;
    for (i = 0; i < en->nvalues; i++)
        if (!strcmp(en->values[i], v))
            return i;
    return -1;
}

/* The enum `type` of the live schema, in next; e->err names the known ones
 * when there is none. */
static tide_enum *the_enum(tk_edit *e, const char *type)
{
    tide_enum *en = find_enum(e->next, type);
    tide_buf known = { 0 };
    int i;
    if (en)
        return en;
    for (i = 0; i < e->cur->nenums; i++)
        tide_buf_printf(&known, "%s%s", i ? ", " : "", e->cur->enums[i].name);
    tk_fail(e, TIDE_EINVAL, "there is no enum '%s' (the database has: %s)%s", type,
            known.data ? known.data : "none",
            !tide_driver_can(e->drv, TIDE_CAP_ENUM_TYPES) ? "; on SQLite an enum is a column tide created with "
            "t.col \"c\" :enum(\"type\", { ... }), a text column with its check" : "");
    tide_buf_free(&known);
    return NULL;
}

/* m:addEnumValue(type, value [, { before = v | after = v }]) */
int tide_tk_add_enum_value(lua_State *L)
{
    const char *type = luaL_checkstring(L, 2), *value = luaL_checkstring(L, 3);
    const char *before = NULL, *after = NULL;
    tide_enum *en;
    tk_edit e;
    if (!lua_isnoneornil(L, 4)) {
        luaL_checktype(L, 4, LUA_TTABLE);
        lua_getfield(L, 4, "before");
        lua_getfield(L, 4, "after");
        before = lua_tostring(L, -2);
        after = lua_tostring(L, -1);
        if (before && after)
            return luaL_error(L, "m:addEnumValue: give before or after, not both");
    }
    if (tk_begin(&e, L, "m:addEnumValue", NULL) == 0 && (en = the_enum(&e, type)) != NULL) {
        const char *anchor = before ? before : after;
        int at = anchor ? value_at(en, anchor) : en->nvalues - 1, i;
        if (value_at(en, value) >= 0) {
            tk_fail(&e, TIDE_EINVAL, "enum '%s' already has the value '%s'", type, value);
        } else if (anchor && at < 0) {
            tk_fail(&e, TIDE_EINVAL, "enum '%s' has no value '%s' to put '%s' %s", type, anchor, value,
                    before ? "before" : "after");
        } else if (tide_enum_add_value(e.next, en, value) < 0) {
            tk_fail(&e, TIDE_ENOMEM, "out of memory");
        } else {
            int pos = before ? at : at + 1;              /* move the new last value to pos */
            char *v = en->values[en->nvalues - 1];
            for (i = en->nvalues - 1; i > pos; i--)
                en->values[i] = en->values[i - 1];
            en->values[pos] = v;
            tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

/* ---- mappings -------------------------------------------------------------- */

typedef struct mapping {
    const char *type;
    const char **from, **to;    /* old value -> new value */
    int n;
    const char *table, *column; /* narrowing: only this column is mapped */
} mapping;

static int quote_text(tk_edit *e, tide_buf *out, const char *text)
{
    tide_value v;
    v.type = TIDE_V_TEXT;
    v.u.s.p = text;
    v.u.s.len = strlen(text);
    return e->drv->quote_literal(out, &v);
}

/* CASE CAST("c" AS text) WHEN 'old' THEN 'new' ... ELSE CAST("c" AS text) END:
 * portable SQL, the value as text (the emitters cast it to the new type). */
static int mapped_value(tk_edit *e, const mapping *m, const char *column, tide_buf *out)
{
    tide_buf q = { 0 };
    int i, rc = e->drv->quote_ident(&q, column);
    rc = rc < 0 ? rc : tide_buf_puts(out, "case cast(");
    for (i = 0; rc == 0 && i < m->n; i++) {
        if (i == 0)
            rc = tide_buf_printf(out, "%s as text)", q.data);
        if (rc == 0) rc = tide_buf_puts(out, " when ");
        if (rc == 0) rc = quote_text(e, out, m->from[i]);
        if (rc == 0) rc = tide_buf_puts(out, " then ");
        if (rc == 0) rc = quote_text(e, out, m->to[i]);
    }
    if (rc == 0)
        rc = tide_buf_printf(out, " else cast(%s as text) end", q.data);
    tide_buf_free(&q);
    return rc < 0 ? tk_fail(e, TIDE_ENOMEM, "out of memory") : 0;
}

static int mapped_column(const mapping *m, const tide_table *t, const tide_column *c)
{
    return !m->table || (!strcmp(t->name, m->table) && (!m->column || !strcmp(c->name, m->column)));
}

/* A column's default that is one of the old values follows the mapping;
 * one the new type lacks is refused before anything changes. */
static int map_default(tk_edit *e, const mapping *m, const tide_enum *en, const tide_table *t, tide_column *c)
{
    size_t n = c->default_expr ? strlen(c->default_expr) : 0;
    tide_buf v = { 0 }, q = { 0 };
    int i, rc = 0;
    c->default_server = NULL;                         /* the server's text names the old type */
    if (n < 2 || c->default_expr[0] != '\'' || c->default_expr[n - 1] != '\'')
        return 0;                                     /* not a plain literal */
    tide_buf_add(&v, c->default_expr + 1, n - 2);
    for (i = 0; i < m->n && strcmp(m->from[i], v.data ? v.data : ""); i++)
        ;
    if (i < m->n) {
        if (quote_text(e, &q, m->to[i]) < 0 || !(c->default_expr = tide_schema_str(e->next, q.data)))
            rc = tk_fail(e, TIDE_ENOMEM, "out of memory");
    } else if (value_at(en, v.data ? v.data : "") < 0) {
        rc = tk_fail(e, TIDE_EINVAL, "the default of %s.%s is '%s', which the new enum lacks; move it "
                     "with map = { %s = \"...\" }", t->name, c->name, v.data, v.data);
    }
    tide_buf_free(&v);
    tide_buf_free(&q);
    return rc;
}

/* Every column of next using the enum (those the mapping covers): its
 * default follows the mapping, and its rows are filled through it. */
static int fill_users(tk_edit *e, const mapping *m)
{
    int i, j, rc = 0;
    const tide_enum *en = find_enum(e->next, m->type);
    for (i = 0; rc == 0 && i < e->next->ntables; i++)
        for (j = 0; rc == 0 && j < e->next->tables[i]->ncolumns; j++) {
            const tide_table *t = e->next->tables[i];
            tide_column *c = &t->columns[j];
            tide_buf expr = { 0 };
            if (!c->is_enum || strcmp(c->type, en->schema ? m->type : en->name))
                continue;
            if ((rc = map_default(e, mapped_column(m, t, c) ? m : &(mapping){ 0 }, en, t, c)) < 0 ||
                m->n == 0 || !mapped_column(m, t, c))
                continue;
            if ((rc = mapped_value(e, m, c->name, &expr)) == 0)
                rc = tk_fill(e, t, c->name, expr.data);
            tide_buf_free(&expr);
        }
    return rc;
}

/* m:renameEnumValue: the diff sees a replace; the plan says rename. */
static int as_rename(tk_edit *e, tide_plan *up)
{
    const mapping *m = e->ud;
    int i, n = 0;
    for (i = 0; i < up->n; i++) {
        tide_op *op = &up->ops[i];
        if (op->kind == TIDE_OP_DROP_ENUM && op->enumt)
            continue;                           /* nothing is renamed aside */
        if (op->kind == TIDE_OP_REPLACE_ENUM) {
            op->kind = TIDE_OP_RENAME_ENUM_VALUE;
            op->old_name = m->from[0];
            op->new_name = m->to[0];
            op->destructive = 0;
        }
        up->ops[n++] = *op;
    }
    up->n = n;
    return fill_users(e, m);
}

/* m:renameEnumValue(type, old, new) */
int tide_tk_rename_enum_value(lua_State *L)
{
    const char *type = luaL_checkstring(L, 2), *old = luaL_checkstring(L, 3), *new = luaL_checkstring(L, 4);
    mapping m;
    tide_enum *en;
    tk_edit e;
    memset(&m, 0, sizeof m);
    m.type = type;
    m.from = &old;
    m.to = &new;
    m.n = 1;
    if (tk_begin(&e, L, "m:renameEnumValue", NULL) == 0 && (en = the_enum(&e, type)) != NULL) {
        int at = value_at(en, old);
        e.ud = &m;
        if (at < 0)
            tk_fail(&e, TIDE_EINVAL, "enum '%s' has no value '%s'", type, old);
        else if (value_at(en, new) >= 0)
            tk_fail(&e, TIDE_EINVAL, "enum '%s' already has the value '%s'", type, new);
        else if (!(en->values[at] = tide_schema_str(e.next, new)))
            tk_fail(&e, TIDE_ENOMEM, "out of memory");
        else
            tk_finish(&e, as_rename);
    }
    return tk_done(&e);
}

/* ---- replaceEnum ------------------------------------------------------------- */

/* Reads { type=, values=, map=, table=, column= } at idx; raises on misuse. */
static void read_replace(lua_State *L, int idx, mapping *m, const char ***values, int *nvalues)
{
    static const char *const keys[] = { "type", "values", "map", "table", "column", NULL };
    lua_Integer i, n = 0;
    int k;
    luaL_checktype(L, idx, LUA_TTABLE);
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        for (k = 0; key && keys[k] && strcmp(keys[k], key); k++)
            ;
        if (!key || !keys[k])
            luaL_error(L, "m:replaceEnum: unknown option '%s' (it takes type, values, map, table, column)",
                       key ? key : luaL_typename(L, -2));
    }
    lua_getfield(L, idx, "type");
    if (!(m->type = lua_tostring(L, -1)))
        luaL_error(L, "m:replaceEnum: type (the enum's name) is required");
    lua_getfield(L, idx, "table");
    m->table = lua_tostring(L, -1);
    lua_getfield(L, idx, "column");
    m->column = lua_tostring(L, -1);
    if (m->column && !m->table)
        luaL_error(L, "m:replaceEnum: column needs table");
    if (lua_getfield(L, idx, "values") != LUA_TTABLE || (n = (lua_Integer)lua_rawlen(L, -1)) == 0)
        luaL_error(L, "m:replaceEnum: values (the new list of values) is required");
    *values = lua_newuserdatauv(L, sizeof **values * (size_t)n, 0);
    for (i = 1; i <= n; i++) {
        lua_rawgeti(L, -2, i);
        if (!((*values)[i - 1] = lua_tostring(L, -1)))
            luaL_error(L, "m:replaceEnum: values[%d] is not a string", (int)i);
        lua_pop(L, 1);
    }
    *nvalues = (int)n;
    if (lua_getfield(L, idx, "map") == LUA_TNIL)
        return;
    luaL_argexpected(L, lua_istable(L, -1), idx, "map to be a table { old = \"new\" }");
    for (n = 0, lua_pushnil(L); lua_next(L, -2); lua_pop(L, 1))
        n++;
    m->from = lua_newuserdatauv(L, sizeof *m->from * (size_t)(n + 1), 0);
    m->to = lua_newuserdatauv(L, sizeof *m->to * (size_t)(n + 1), 0);
    for (lua_pushnil(L); lua_next(L, -4); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "m:replaceEnum: map entries are old = \"new\" strings");
        m->from[m->n] = lua_tostring(L, -2);
        m->to[m->n++] = lua_tostring(L, -1);
    }
}

/* The rows of one column holding a value outside allowed: their number
 * and a sample, appended to msg. */
static int outside(tk_edit *e, const tide_table *t, const tide_column *c, const char **allowed, int n,
                   tide_buf *msg, int64_t *count)
{
    tide_buf sql = { 0 }, q = { 0 }, tq = { 0 };
    tide_value *params = calloc((size_t)n + 1, sizeof *params);
    tide_cursor *cur = NULL;
    tide_row row;
    int i, rc, shown = 0;
    int64_t here = 0;
    if (!params)
        return tk_fail(e, TIDE_ENOMEM, "out of memory");
    if ((rc = tk_qtable(e, t, &tq)) == 0 && (rc = e->drv->quote_ident(&q, c->name)) < 0)
        rc = tk_fail(e, TIDE_ENOMEM, "out of memory");
    if (rc == 0)
        rc = tide_buf_printf(&sql, "select cast(%s as text), count(*) from %s where %s is not null and "
                             "cast(%s as text) not in (", q.data, tq.data, q.data, q.data);
    tide_buf_free(&tq);
    for (i = 0; rc == 0 && i < n; i++) {
        params[i].type = TIDE_V_TEXT;
        params[i].u.s.p = allowed[i];
        params[i].u.s.len = strlen(allowed[i]);
        rc = tide_buf_puts(&sql, i ? ", ?" : "?");
    }
    if (rc == 0)
        rc = tide_buf_puts(&sql, ") group by 1 order by 2 desc, 1");
    if (rc == 0)
        rc = tide_conn_query(e->t->conn, sql.data, params, n, &cur, &e->err);
    while (rc == 0 && (rc = tide_cursor_next(cur, &row, &e->err)) == 1) {
        int64_t k = row.vals[1].type == TIDE_V_INT ? row.vals[1].u.i : 0;
        if (here == 0)
            tide_buf_printf(msg, "%s%s.%s: ", msg->len ? "; " : "", t->name, c->name);
        if (shown++ < 5)
            tide_buf_printf(msg, "%s'%.*s' (%lld row%s)", shown > 1 ? ", " : "", (int)row.vals[0].u.s.len,
                            row.vals[0].u.s.p, (long long)k, k == 1 ? "" : "s");
        here += k;
        rc = 0;
    }
    if (shown > 5)
        tide_buf_printf(msg, " and %d more values", shown - 5);
    *count += here;
    tide_cursor_close(cur);
    tide_buf_free(&sql);
    tide_buf_free(&q);
    free(params);
    return rc < 0 ? rc : 0;
}

/* Checks every column using the enum before anything changes. */
static int check_rows(tk_edit *e, const mapping *m, const char **values, int nvalues)
{
    const tide_enum *en = find_enum(e->cur, m->type);
    const char **allowed = malloc(sizeof *allowed * (size_t)(nvalues + m->n + 1));
    tide_buf msg = { 0 };
    int64_t count = 0;
    int i, j, rc = allowed ? 0 : tk_fail(e, TIDE_ENOMEM, "out of memory"), found = !m->table;
    for (i = 0; rc == 0 && i < e->cur->ntables; i++)
        for (j = 0; rc == 0 && j < e->cur->tables[i]->ncolumns; j++) {
            const tide_table *t = e->cur->tables[i];
            const tide_column *c = &t->columns[j];
            int n = nvalues;
            if (!c->is_enum || strcmp(c->type, en->schema ? m->type : en->name))
                continue;
            memcpy(allowed, values, sizeof *allowed * (size_t)nvalues);
            if (mapped_column(m, t, c)) {
                found = 1;
                if (m->n)           /* m->from is NULL when nothing is mapped */
                    memcpy(allowed + n, m->from, sizeof *allowed * (size_t)m->n);
                n += m->n;
            }
            rc = outside(e, t, c, allowed, n, &msg, &count);
        }
    if (rc == 0 && !found)
        rc = tk_fail(e, TIDE_EINVAL, "no column %s%s%s uses enum '%s'", m->table, m->column ? "." : "",
                     m->column ? m->column : "", m->type);
    if (rc == 0 && count > 0)
        rc = tk_fail(e, TIDE_EINVAL, "%lld row%s %s values the new enum lacks and the map does not "
                     "move (%s); add them to map = { old = \"new\" } or update those rows first; "
                     "nothing was changed", (long long)count, count == 1 ? "" : "s",
                     count == 1 ? "holds" : "hold", msg.data);
    free(allowed);
    tide_buf_free(&msg);
    return rc;
}

/* The diff may see only added values; a mapping still moves rows, so the
 * type is always replaced. */
static int as_replace(tk_edit *e, tide_plan *up)
{
    const mapping *m = e->ud;
    tide_op *ops;
    if (m->n == 0)
        return fill_users(e, m);                      /* the diff's plan is right */
    if (!(ops = calloc(2, sizeof *ops)))
        return tk_fail(e, TIDE_ENOMEM, "out of memory");
    ops[0].kind = TIDE_OP_REPLACE_ENUM;
    ops[0].enumt = find_enum(e->next, m->type);
    ops[0].old_enum = find_enum(e->cur, m->type);
    ops[0].destructive = 1;
    ops[1].kind = TIDE_OP_DROP_ENUM;
    ops[1].enumt = ops[0].enumt;
    ops[1].old_enum = ops[0].old_enum;
    free(up->ops);
    up->ops = ops;
    up->n = 2;
    return fill_users(e, m);
}

/* m:replaceEnum{ type=, values=, map={ old = new }, table=, column= } */
int tide_tk_replace_enum(lua_State *L)
{
    const char **values = NULL;
    int nvalues = 0, i;
    mapping m;
    tide_enum *en;
    tk_edit e;
    memset(&m, 0, sizeof m);
    read_replace(L, 2, &m, &values, &nvalues);
    if (tk_begin(&e, L, "m:replaceEnum", NULL) == 0 && (en = the_enum(&e, m.type)) != NULL) {
        e.ud = &m;
        for (i = 0; i < m.n && !e.err.code; i++) {
            int j, known = 0;
            for (j = 0; j < nvalues; j++)
                known |= !strcmp(values[j], m.to[i]);
            if (!known)
                tk_fail(&e, TIDE_EINVAL, "map moves '%s' to '%s', which is not one of the new values",
                        m.from[i], m.to[i]);
        }
        for (i = 0; i < nvalues && !e.err.code; i++) {
            int j;
            for (j = 0; j < i; j++)
                if (!strcmp(values[i], values[j]))
                    tk_fail(&e, TIDE_EINVAL, "the value '%s' is listed twice", values[i]);
        }
        if (!e.err.code && check_rows(&e, &m, values, nvalues) == 0) {
            en->nvalues = 0;
            for (i = 0; i < nvalues && !e.err.code; i++)
                if (tide_enum_add_value(e.next, en, values[i]) < 0)
                    tk_fail(&e, TIDE_ENOMEM, "out of memory");
            if (!e.err.code)
                tk_finish(&e, as_replace);
        }
    }
    return tk_done(&e);
}
