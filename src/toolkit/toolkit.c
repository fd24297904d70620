/* toolkit.c — the DDL helpers and the enum toolkit of a migration's m
 * (SPEC 4 and 7): m:createTable, m:addColumn, m:renameColumn, ...,
 * m:addEnumValue, m:renameEnumValue, m:replaceEnum. Each helper reads the
 * live schema through the migration's connection, makes the copy of it the
 * call asks for, lets the diff engine find the operations and the dialect's
 * emitter write them, and runs them at once (queued addSql statements run
 * first): the path a generated migration takes, so one migration file runs
 * on SQLite (table rebuilds included) and PostgreSQL alike. Column type
 * changes are in coltype.c, on the same machinery (toolkit.h). */
#include "toolkit/toolkit.h"
#include "db/driver.h"
#include "lua/model_lua.h"
#include "lua/runtime.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the edit: live schema -> copy -> plan -> SQL run ----------------------- */

int tk_fail(tk_edit *e, int code, const char *fmt, ...)
{
    char what[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tide_err_set(&e->err, code, "%s: %s", e->what, what);
}

/* "m:addColumn: " before a message from below. */
static void wrap_what(tk_edit *e)
{
    char before[64];
    snprintf(before, sizeof before, "%s: ", e->what);
    tide_err_wrap(&e->err, before, NULL);
}

int tk_split(const char *qname, char *ns, size_t cap, const char **name)
{
    const char *dot = strchr(qname, '.');
    if (!dot || dot - qname >= (long)cap)
        return 0;
    snprintf(ns, cap, "%.*s", (int)(dot - qname), qname);
    *name = dot + 1;
    return 1;
}

int tk_qtable(tk_edit *e, const tide_table *t, tide_buf *out)
{
    int rc = 0;
    if (t->schema && (rc = e->drv->quote_ident(out, t->schema)) == 0)
        rc = tide_buf_putc(out, '.');
    if (rc == 0)
        rc = e->drv->quote_ident(out, t->name);
    return rc < 0 ? tk_fail(e, TIDE_ENOMEM, "out of memory") : 0;
}

/* "name" or "schema.name": the table of s so named (a name with a dot that
 * is a table of the default schema wins). */
static tide_table *lookup(const tide_schema *s, const char *qname)
{
    const char *name;
    char ns[128];
    const tide_table *t = tide_schema_find_table(s, NULL, qname);
    if (!t && tk_split(qname, ns, sizeof ns, &name))
        t = tide_schema_find_table(s, ns, name);
    if (!t) {                           /* an unfinished copy: search in order */
        int i;
        for (i = 0; i < s->ntables; i++)
            if (!strcmp(s->tables[i]->name, qname) && !s->tables[i]->schema)
                return s->tables[i];
    }
    return (tide_table *)t;
}

int tk_begin(tk_edit *e, lua_State *L, const char *what, const char *table)
{
    const char *names[2] = { "public", NULL }, *name;
    char ns[128];
    int n = 1;
    memset(e, 0, sizeof *e);
    e->L = L;
    e->what = what;
    e->t = tide_context__tide(L, 1);
    lua_pushcfunction(L, tide_context__flush);     /* queued addSql runs first */
    lua_pushvalue(L, 1);
    lua_call(L, 1, 0);
    e->drv = tide_conn__driver(e->t->conn);
    if (table && tk_split(table, ns, sizeof ns, &name))
        names[n++] = ns;
    if (tide__live_schema(e->t, names, n, &e->cur, &e->err) < 0) {
        wrap_what(e);
        return -1;
    }
    if (!(e->next = tide_schema_copy(e->cur)))
        return tk_fail(e, TIDE_ENOMEM, "out of memory");
    if (table && !(e->table = lookup(e->next, table)))
        return tk_fail(e, TIDE_EINVAL, "table '%s' does not exist", table);
    if (table)
        e->cur_table = lookup(e->cur, table);
    return 0;
}

int tk_fill(tk_edit *e, const tide_table *t, const char *column, const char *expr)
{
    tide_fill *grown = realloc(e->fills, sizeof *grown * (size_t)(e->nfills + 1));
    char *copy = tide_schema_str(e->next, expr);
    if (!grown || !copy) {
        free(grown == e->fills ? NULL : grown);
        return tk_fail(e, TIDE_ENOMEM, "out of memory");
    }
    e->fills = grown;
    e->fills[e->nfills].table = t;
    e->fills[e->nfills].column = tide_schema_str(e->next, column);
    e->fills[e->nfills++].expr = copy;
    return 0;
}

/* Runs the plan's SQL on the migration's connection. */
static int run_plan(tk_edit *e, tide_plan *plan)
{
    tide_sql_list sql = { NULL, NULL, 0 };
    int rc;
    plan->fills = e->fills;
    plan->nfills = e->nfills;
    if ((rc = e->drv->emit(plan, &sql, &e->err)) == 0)
        rc = tide__run_sql(e->t, &sql, &e->err);
    if (rc < 0)
        wrap_what(e);
    tide_sql_list_free(&sql);
    return rc;
}

int tk_finish(tk_edit *e, int (*adjust)(tk_edit *e, tide_plan *up))
{
    tide_diff_opts d;
    tide_plan up, down;
    int rc;
    memset(&d, 0, sizeof d);
    memset(&up, 0, sizeof up);
    memset(&down, 0, sizeof down);
    d.no_comments = !tide_driver_can(e->drv, TIDE_CAP_COMMENTS);
    if ((rc = tide_schema_finish(e->next, &e->err)) < 0) {
        wrap_what(e);
        return rc;
    }
    if ((rc = tide_diff(e->cur, e->next, &d, &up, &down, &e->err)) == 0 &&
        (!adjust || (rc = adjust(e, &up)) == 0))
        rc = run_plan(e, &up);
    tide_plan_free(&up);
    tide_plan_free(&down);
    return rc;
}

int tk_done(tk_edit *e)
{
    tide_err err = e->err;
    tide_schema_free(e->cur);
    tide_schema_free(e->next);
    free(e->fills);
    if (err.code)
        return tide_runtime_raise(e->L, &err);
    return 0;
}

/* ---- finding items --------------------------------------------------------- */

static int find_column(const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < t->ncolumns; i++)
        if (!strcmp(t->columns[i].name, name))
            return i;
    return -1;
}

int tk_column(tk_edit *e, const char *name)
{
    int i = find_column(e->table, name);
    if (i < 0)
        tk_fail(e, TIDE_EINVAL, "table '%s' has no column '%s'", e->table->name, name);
    return i;
}

static int in_list(char *const *v, int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strncmp(v[i], name, tide_model_index_col_len(v[i])) &&
            strlen(name) == tide_model_index_col_len(v[i]))
            return 1;
    return 0;
}

/* Removes item i of an array of n items of size bytes. */
static void remove_at(void *items, int *n, int i, size_t size)
{
    char *p = items;
    memmove(p + (size_t)i * size, p + (size_t)(i + 1) * size, (size_t)(*n - i - 1) * size);
    (*n)--;
}

static int ident_char(char c)
{
    return c == '_' || isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Is `word` an identifier of expr (not part of a longer one)? */
static int mentions(const char *expr, const char *word)
{
    size_t n = strlen(word);
    const char *p = expr;
    while (n && (p = strstr(p, word)) != NULL) {
        if ((p == expr || !ident_char(p[-1])) && !ident_char(p[n]))
            return 1;
        p++;
    }
    return 0;
}

/* The foreign keys of other tables that reference column (NULL: any
 * column) of t, into msg; their number. */
static int referencing(const tide_schema *s, const tide_table *t, const char *column, tide_buf *msg)
{
    int i, j, n = 0;
    for (i = 0; i < s->ntables; i++)
        for (j = 0; j < s->tables[i]->nfks; j++) {
            const tide_fk *fk = &s->tables[i]->fks[j];
            if (strcmp(fk->ref_table, t->name) || strcmp(fk->ref_schema ? fk->ref_schema : "",
                                                          t->schema ? t->schema : "") ||
                (s->tables[i] == t && !column) ||
                (column && !in_list(fk->ref_columns, fk->nref_columns, column)))
                continue;
            tide_buf_printf(msg, "%s%s (of table %s)", n++ ? ", " : "", fk->name, s->tables[i]->name);
        }
    return n;
}

/* ---- generated names follow renames ------------------------------------------ */

static int is_generated(const char *name, const char *table, char *const *cols, int ncols,
                        const char *suffix)
{
    tide_buf b = { 0 };
    int same = tide_model_generated_name(table, cols, ncols, suffix, &b) == 0 && name &&
               !strcmp(name, b.data);
    tide_buf_free(&b);
    return same;
}

/* Names generated from the table's old name and columns are cleared so that
 * finishing the schema generates them from the new ones, as it does for a
 * definition: the diff then renames those constraints and indexes too. */
static void forget_generated(tide_table *t, const char *old_table)
{
    int i;
    if (t->pk_name && is_generated(t->pk_name, old_table, NULL, 0, "pkey"))
        t->pk_name = NULL;
    for (i = 0; i < t->nuniques; i++)
        if (is_generated(t->uniques[i].name, old_table, t->uniques[i].columns, t->uniques[i].ncolumns, "key"))
            t->uniques[i].name = NULL;
    for (i = 0; i < t->nindexes; i++)
        if (!t->indexes[i].expression &&
            is_generated(t->indexes[i].name, old_table, t->indexes[i].columns, t->indexes[i].ncolumns, "idx"))
            t->indexes[i].name = NULL;
    for (i = 0; i < t->nfks; i++)
        if (is_generated(t->fks[i].name, old_table, t->fks[i].columns, t->fks[i].ncolumns, "fkey"))
            t->fks[i].name = NULL;
}

/* ---- the helpers -------------------------------------------------------------- */

/* m:createTable(t.table "name" { ... }) */
static int m_create_table(lua_State *L)
{
    tk_edit e;
    luaL_checktype(L, 2, LUA_TTABLE);
    if (tk_begin(&e, L, "m:createTable", NULL) == 0) {
        int before = e.next->ntables;
        if (tide_model_from_lua(e.next, L, 2, "m:createTable", &e.err) == 0) {
            int i;
            for (i = before; i < e.next->ntables; i++)
                if (lookup(e.cur, e.next->tables[i]->name) &&
                    !e.next->tables[i]->schema) {
                    tk_fail(&e, TIDE_EINVAL, "table '%s' already exists", e.next->tables[i]->name);
                    break;
                }
            if (!e.err.code)
                tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

static int keep_but(const tide_table *t, void *gone) { return t != gone; }

/* Is the enum e used by a column of s? */
static int enum_used(const tide_schema *s, const tide_enum *e)
{
    int i, j;
    for (i = 0; i < s->ntables; i++)
        for (j = 0; j < s->tables[i]->ncolumns; j++) {
            const tide_column *c = &s->tables[i]->columns[j];
            const char *dot = strrchr(c->type, '.');
            if (c->is_enum && !strcmp(dot ? dot + 1 : c->type, e->name))
                return 1;
        }
    return 0;
}

/* An enum that only the dropped table (or column) used goes with it, as a
 * definition that no longer declares it would drop it. Call it once they
 * are gone from next; gone is the table as it was (in cur). */
static void drop_orphan_enums(tk_edit *e, const tide_table *gone, const char *column)
{
    int i, n = 0;
    for (i = 0; i < e->next->nenums; i++) {
        const tide_enum *en = &e->next->enums[i];
        int was_used = 0, j;
        for (j = 0; j < gone->ncolumns && !was_used; j++) {
            const tide_column *c = &gone->columns[j];
            const char *dot = strrchr(c->type, '.');
            was_used = c->is_enum && (!column || !strcmp(c->name, column)) &&
                       !strcmp(dot ? dot + 1 : c->type, en->name);
        }
        if (!was_used || enum_used(e->next, en))
            e->next->enums[n++] = *en;
    }
    e->next->nenums = n;
}

/* m:dropTable(name [, {cascade = true}]) */
static int m_drop_table(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2);
    int cascade = lua_istable(L, 3) && (lua_getfield(L, 3, "cascade"), lua_toboolean(L, -1));
    tk_edit e;
    tide_buf refs = { 0 };
    if (tk_begin(&e, L, "m:dropTable", name) == 0) {
        tide_table *t = e.table;
        if (referencing(e.next, t, NULL, &refs) && !cascade) {
            tk_fail(&e, TIDE_EINVAL, "table '%s' is referenced by foreign key %s; drop those first "
                 "(m:dropForeignKey) or pass { cascade = true }", name, refs.data);
        } else {
            int i, j;
            for (i = 0; i < e.next->ntables; i++)      /* cascade: those keys go */
                for (j = 0; j < e.next->tables[i]->nfks; j++)
                    if (e.next->tables[i] != t && !strcmp(e.next->tables[i]->fks[j].ref_table, t->name))
                        remove_at(e.next->tables[i]->fks, &e.next->tables[i]->nfks, j--, sizeof *t->fks);
            tide_schema_retain(e.next, keep_but, NULL, t);
            drop_orphan_enums(&e, e.cur_table, NULL);
            tk_finish(&e, NULL);
        }
    }
    tide_buf_free(&refs);
    return tk_done(&e);
}

/* m:renameTable(old, new) */
static int m_rename_table(lua_State *L)
{
    const char *old = luaL_checkstring(L, 2), *new = luaL_checkstring(L, 3);
    tk_edit e;
    if (tk_begin(&e, L, "m:renameTable", old) == 0) {
        tide_table *t = e.table;
        int i;
        if (lookup(e.next, new)) {
            tk_fail(&e, TIDE_EINVAL, "table '%s' already exists", new);
        } else {
            size_t n = strlen(t->name);
            forget_generated(t, t->name);
            for (i = 0; i < t->nchecks; i++)                 /* <old>_check[N] follows too */
                if (!strncmp(t->checks[i].name, t->name, n) && !strncmp(t->checks[i].name + n, "_check", 6)) {
                    tide_buf b = { 0 };
                    tide_buf_printf(&b, "%s%s", new, t->checks[i].name + n);
                    t->checks[i].name = tide_schema_str(e.next, b.data);
                    tide_buf_free(&b);
                }
            for (i = 0; i < e.next->ntables; i++) {           /* keys pointing at it */
                int j;
                for (j = 0; j < e.next->tables[i]->nfks; j++)
                    if (!strcmp(e.next->tables[i]->fks[j].ref_table, t->name))
                        e.next->tables[i]->fks[j].ref_table = tide_schema_str(e.next, new);
            }
            t->renamed_from = tide_schema_str(e.next, t->name);
            t->name = tide_schema_str(e.next, new);
            tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

/* m:addColumn(table, t.col "name" :type() ...) */
static int m_add_column(lua_State *L)
{
    const char *table = luaL_checkstring(L, 2);
    tk_edit e;
    luaL_argexpected(L, tide_model_lua_is_item(L, 3), 3, "table");
    if (tk_begin(&e, L, "m:addColumn", table) == 0) {
        int before = e.table->ncolumns;
        if (tide_model_item_from_lua(e.next, e.table, L, 3, "a column (t.col \"name\" :type())",
                                     "m:addColumn", &e.err) == 0) {
            if (e.table->ncolumns == before + 1 && find_column(e.table, e.table->columns[before].name) < before)
                tk_fail(&e, TIDE_EINVAL, "table '%s' already has a column '%s'", table,
                     e.table->columns[before].name);
            else
                tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

/* m:alterColumn(table, t.col "name" :type() ...): the column becomes what the
 * definition says (type, nullability, default, comment), in its place. */
static int m_alter_column(lua_State *L)
{
    const char *table = luaL_checkstring(L, 2);
    tk_edit e;
    luaL_argexpected(L, tide_model_lua_is_item(L, 3), 3, "table");
    if (tk_begin(&e, L, "m:alterColumn", table) == 0) {
        int before = e.table->ncolumns, at;
        if (tide_model_item_from_lua(e.next, e.table, L, 3, "a column (t.col \"name\" :type())",
                                     "m:alterColumn", &e.err) == 0 &&
            (at = tk_column(&e, e.table->columns[before].name)) >= 0) {
            tide_column c = e.table->columns[before];
            remove_at(e.table->columns, &e.table->ncolumns, before, sizeof c);
            e.table->columns[at] = c;
            tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

/* Renames column `old` to `new` in every list of t that names it (and the
 * keys of other tables pointing at it). */
static void rename_in_lists(tide_schema *s, tide_table *t, const char *old, const char *new)
{
    int i, j;
    char ***lists[64];
    int *counts[64], n = 0;
    lists[n] = &t->pk; counts[n++] = &t->npk;
    lists[n] = &t->pk_desc; counts[n++] = &t->npk_desc;
    for (i = 0; i < t->nuniques && n < 64; i++) { lists[n] = &t->uniques[i].columns; counts[n++] = &t->uniques[i].ncolumns; }
    for (i = 0; i < t->nindexes && n < 64; i++) { lists[n] = &t->indexes[i].columns; counts[n++] = &t->indexes[i].ncolumns; }
    for (i = 0; i < t->nfks && n < 64; i++) { lists[n] = &t->fks[i].columns; counts[n++] = &t->fks[i].ncolumns; }
    for (i = 0; i < n; i++)
        for (j = 0; j < *counts[i]; j++) {
            char *entry = (*lists[i])[j];
            size_t len = tide_model_index_col_len(entry);
            if (len == strlen(old) && !strncmp(entry, old, len)) {
                tide_buf b = { 0 };
                tide_buf_printf(&b, "%s%s", new, entry + len);      /* keeps " desc" */
                (*lists[i])[j] = tide_schema_str(s, b.data);
                tide_buf_free(&b);
            }
        }
    for (i = 0; i < s->ntables; i++)
        for (j = 0; j < s->tables[i]->nfks; j++) {
            tide_fk *fk = &s->tables[i]->fks[j];
            int k;
            if (strcmp(fk->ref_table, t->name))
                continue;
            for (k = 0; k < fk->nref_columns; k++)
                if (!strcmp(fk->ref_columns[k], old))
                    fk->ref_columns[k] = tide_schema_str(s, new);
        }
}

/* m:renameColumn(table, old, new) */
static int m_rename_column(lua_State *L)
{
    const char *table = luaL_checkstring(L, 2), *old = luaL_checkstring(L, 3), *new = luaL_checkstring(L, 4);
    tk_edit e;
    int at;
    if (tk_begin(&e, L, "m:renameColumn", table) == 0 && (at = tk_column(&e, old)) >= 0) {
        if (find_column(e.table, new) >= 0) {
            tk_fail(&e, TIDE_EINVAL, "table '%s' already has a column '%s'", table, new);
        } else {
            forget_generated(e.table, e.table->name);
            rename_in_lists(e.next, e.table, old, new);
            e.table->columns[at].renamed_from = e.table->columns[at].name;
            e.table->columns[at].name = tide_schema_str(e.next, new);
            tk_finish(&e, NULL);
        }
    }
    return tk_done(&e);
}

/* m:dropColumn(table, name [, {cascade = true}]): indexes, uniques and keys
 * over the column, and checks that name it, go with it. */
static int m_drop_column(lua_State *L)
{
    const char *table = luaL_checkstring(L, 2), *name = luaL_checkstring(L, 3);
    int cascade = lua_istable(L, 4) && (lua_getfield(L, 4, "cascade"), lua_toboolean(L, -1));
    tide_buf refs = { 0 };
    tk_edit e;
    int at;
    if (tk_begin(&e, L, "m:dropColumn", table) == 0 && (at = tk_column(&e, name)) >= 0) {
        tide_table *t = e.table;
        int i;
        if (in_list(t->pk, t->npk, name)) {
            tk_fail(&e, TIDE_EINVAL, "column '%s' is part of the primary key of '%s'; a key column "
                 "cannot be dropped", name, table);
        } else if (referencing(e.next, t, name, &refs) && !cascade) {
            tk_fail(&e, TIDE_EINVAL, "column '%s.%s' is referenced by foreign key %s; drop those first "
                 "(m:dropForeignKey) or pass { cascade = true }", table, name, refs.data);
        } else {
            for (i = 0; i < e.next->ntables; i++) {
                int j;
                tide_table *o = e.next->tables[i];
                for (j = 0; j < o->nfks; j++)
                    if (o != t && !strcmp(o->fks[j].ref_table, t->name) &&
                        in_list(o->fks[j].ref_columns, o->fks[j].nref_columns, name))
                        remove_at(o->fks, &o->nfks, j--, sizeof *o->fks);
            }
            for (i = 0; i < t->nuniques; i++)
                if (in_list(t->uniques[i].columns, t->uniques[i].ncolumns, name))
                    remove_at(t->uniques, &t->nuniques, i--, sizeof *t->uniques);
            for (i = 0; i < t->nindexes; i++)
                if (in_list(t->indexes[i].columns, t->indexes[i].ncolumns, name) ||
                    (t->indexes[i].expression && mentions(t->indexes[i].expression, name)) ||
                    (t->indexes[i].where && mentions(t->indexes[i].where, name)))
                    remove_at(t->indexes, &t->nindexes, i--, sizeof *t->indexes);
            for (i = 0; i < t->nfks; i++)
                if (in_list(t->fks[i].columns, t->fks[i].ncolumns, name))
                    remove_at(t->fks, &t->nfks, i--, sizeof *t->fks);
            for (i = 0; i < t->nchecks; i++)
                if (mentions(t->checks[i].expr, name))
                    remove_at(t->checks, &t->nchecks, i--, sizeof *t->checks);
            remove_at(t->columns, &t->ncolumns, at, sizeof *t->columns);
            drop_orphan_enums(&e, e.cur_table, name);
            tk_finish(&e, NULL);
        }
    }
    tide_buf_free(&refs);
    return tk_done(&e);
}

/* m:createIndex / m:addUnique / m:addForeignKey / m:addCheck (table, item) */
static int add_item(lua_State *L, const char *what, const char *kinds)
{
    const char *table = luaL_checkstring(L, 2);
    tk_edit e;
    luaL_argexpected(L, tide_model_lua_is_item(L, 3), 3, "table");
    if (tk_begin(&e, L, what, table) == 0 &&
        tide_model_item_from_lua(e.next, e.table, L, 3, kinds, what, &e.err) == 0)
        tk_finish(&e, NULL);
    return tk_done(&e);
}

static int m_create_index(lua_State *L) { return add_item(L, "m:createIndex", "an index (t.index { ... })"); }
static int m_add_unique(lua_State *L) { return add_item(L, "m:addUnique", "a unique constraint (t.unique { ... })"); }
static int m_add_fk(lua_State *L) { return add_item(L, "m:addForeignKey", "a foreign key (t.foreign { ... })"); }
static int m_add_check(lua_State *L) { return add_item(L, "m:addCheck", "a check (t.check(name, expr))"); }

enum { IT_INDEX, IT_UNIQUE, IT_FK, IT_CHECK };

/* The names of the items of one kind of t, for "it has: ...". */
static void item_names(const tide_table *t, int kind, tide_buf *out)
{
    int i, n = kind == IT_INDEX ? t->nindexes : kind == IT_UNIQUE ? t->nuniques
             : kind == IT_FK ? t->nfks : t->nchecks;
    for (i = 0; i < n; i++)
        tide_buf_printf(out, "%s%s", i ? ", " : "",
                        kind == IT_INDEX ? t->indexes[i].name : kind == IT_UNIQUE ? t->uniques[i].name
                        : kind == IT_FK ? t->fks[i].name : t->checks[i].name);
    if (n == 0)
        tide_buf_puts(out, "none");
}

/* m:dropIndex / m:dropUnique / m:dropForeignKey / m:dropCheck (table, name) */
static int drop_item(lua_State *L, const char *what, int kind)
{
    static const char *const nouns[] = { "index", "unique constraint", "foreign key", "check" };
    const char *table = luaL_checkstring(L, 2), *name = luaL_checkstring(L, 3);
    tk_edit e;
    if (tk_begin(&e, L, what, table) == 0) {
        tide_table *t = e.table;
        int i, found = 0;
        for (i = 0; kind == IT_INDEX && i < t->nindexes && !found; i++)
            if ((found = !strcmp(t->indexes[i].name, name)))
                remove_at(t->indexes, &t->nindexes, i, sizeof *t->indexes);
        for (i = 0; kind == IT_UNIQUE && i < t->nuniques && !found; i++)
            if ((found = !strcmp(t->uniques[i].name, name)))
                remove_at(t->uniques, &t->nuniques, i, sizeof *t->uniques);
        for (i = 0; kind == IT_FK && i < t->nfks && !found; i++)
            if ((found = !strcmp(t->fks[i].name, name)))
                remove_at(t->fks, &t->nfks, i, sizeof *t->fks);
        for (i = 0; kind == IT_CHECK && i < t->nchecks && !found; i++)
            if ((found = !strcmp(t->checks[i].name, name)))
                remove_at(t->checks, &t->nchecks, i, sizeof *t->checks);
        if (found) {
            tk_finish(&e, NULL);
        } else {
            tide_buf names = { 0 };
            item_names(e.cur_table, kind, &names);
            tk_fail(&e, TIDE_EINVAL, "table '%s' has no %s '%s' (it has: %s)", table, nouns[kind], name,
                 names.data ? names.data : "");
            tide_buf_free(&names);
        }
    }
    return tk_done(&e);
}

static int m_drop_index(lua_State *L) { return drop_item(L, "m:dropIndex", IT_INDEX); }
static int m_drop_unique(lua_State *L) { return drop_item(L, "m:dropUnique", IT_UNIQUE); }
static int m_drop_fk(lua_State *L) { return drop_item(L, "m:dropForeignKey", IT_FK); }
static int m_drop_check(lua_State *L) { return drop_item(L, "m:dropCheck", IT_CHECK); }

const luaL_Reg tide_toolkit_methods[] = {
    {"createTable", m_create_table}, {"dropTable", m_drop_table}, {"renameTable", m_rename_table},
    {"addColumn", m_add_column}, {"alterColumn", m_alter_column}, {"renameColumn", m_rename_column},
    {"dropColumn", m_drop_column}, {"createIndex", m_create_index}, {"dropIndex", m_drop_index},
    {"addUnique", m_add_unique}, {"dropUnique", m_drop_unique},
    {"addForeignKey", m_add_fk}, {"dropForeignKey", m_drop_fk},
    {"addCheck", m_add_check}, {"dropCheck", m_drop_check},
    {"addEnumValue", tide_tk_add_enum_value}, {"renameEnumValue", tide_tk_rename_enum_value},
    {"replaceEnum", tide_tk_replace_enum}, {"changeColumnType", tide_tk_change_column_type},
    {NULL, NULL}
};
