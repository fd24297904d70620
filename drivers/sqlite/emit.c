/* emit.c — SQLite SQL for a plan. ALTER TABLE where SQLite can (add a
 * column with a constant default, rename a column or table, create/drop an
 * index); every other change to an existing table becomes one rebuild of
 * that table, the procedure of SQLite's ALTER TABLE documentation: create the
 * new shape under a temporary name, copy the rows, drop the old table,
 * rename, recreate the indexes. The runner switches foreign keys off before
 * the transaction and runs foreign_key_check before commit, so rebuilding a
 * parent never cascades into its children. */
#include "sqlite_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct emitter {
    const tide_plan *plan;
    tide_sql_list *out;
    tide_buf sql;
    tide_err *err;
    int rc;
    const tide_table **rebuild;       /* tables (of plan->to) to rebuild */
    int nrebuild;
    int rebuilt;                      /* the rebuilds were emitted */
} emitter;

static void put(emitter *e, const char *s)
{
    if (e->rc == 0 && tide_buf_puts(&e->sql, s) < 0)
        e->rc = TIDE_ENOMEM;
}

static void q(emitter *e, const char *ident)
{
    if (e->rc == 0 && tide_sqlite_driver.quote_ident(&e->sql, ident) < 0)
        e->rc = TIDE_ENOMEM;
}

static void stmt(emitter *e)
{
    if (e->rc == 0)
        e->rc = tide_sql_list_push(e->out, e->sql.data ? e->sql.data : "", e->sql.len, e->err);
    tide_buf_reset(&e->sql);
}

static void literal(emitter *e, const char *s)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    v.type = TIDE_V_TEXT;
    v.u.s.p = s;
    v.u.s.len = strlen(s);
    if (e->rc == 0 && tide_sqlite_driver.quote_literal(&e->sql, &v) < 0)
        e->rc = TIDE_ENOMEM;
}

static int fail(emitter *e, const char *fmt, const char *a, const char *b)
{
    if (e->rc == 0)
        e->rc = tide_err_set(e->err, TIDE_EINVAL, fmt, a, b ? b : "");
    return e->rc;
}

static void column_list(emitter *e, char *const *cols, int n)
{
    int i;
    put(e, "(");
    for (i = 0; i < n; i++) {
        size_t len = tide_model_index_col_len(cols[i]);
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)len, cols[i]);
        if (i)
            put(e, ", ");
        q(e, name);
        put(e, cols[i] + len);
    }
    put(e, ")");
}

static const tide_enum *enum_of(const emitter *e, const tide_column *c)
{
    return c->is_enum ? tide_schema_find_enum(e->plan->to, NULL, c->type) : NULL;
}

/* A serial column is SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, declared
 * inline: only for a table whose whole primary key is that column. */
static int inline_serial(const tide_table *t, const tide_column *c)
{
    return c->autoincrement && t->npk == 1 && !strcmp(t->pk[0], c->name);
}

static void column_def(emitter *e, const tide_table *t, const tide_column *c)
{
    q(e, c->name);
    put(e, " ");
    if (strstr(c->type, "[]")) {
        fail(e, "column %s.%s: array types need PostgreSQL", t->name, c->name);
        return;
    }
    if (c->autoincrement && !inline_serial(t, c)) {
        fail(e, "column %s.%s: serial needs to be the whole primary key on SQLite", t->name, c->name);
        return;
    }
    put(e, inline_serial(t, c) ? "integer" : c->type);
    if (c->is_enum)
        put(e, " text");                 /* "status" user_status text: text affinity, named type */
    if (!c->nullable)
        put(e, " not null");
    if (inline_serial(t, c)) {
        put(e, " constraint ");
        q(e, t->pk_name);
        put(e, " primary key autoincrement");
    }
    if (c->collation) {
        put(e, " collate ");
        q(e, c->collation);
    }
    if (c->default_expr) {
        put(e, " default ");
        put(e, isalpha((unsigned char)c->default_expr[0]) && strchr(c->default_expr, '(') ? "(" : "");
        put(e, c->default_expr);
        put(e, isalpha((unsigned char)c->default_expr[0]) && strchr(c->default_expr, '(') ? ")" : "");
    }
}

static void enum_check(emitter *e, const tide_table *t, const tide_column *c)
{
    const tide_enum *en = enum_of(e, c);
    char name[300];
    int i;
    if (!en) {
        fail(e, "column %s.%s uses an enum that is not defined", t->name, c->name);
        return;
    }
    snprintf(name, sizeof name, "%s_%s_enum", t->name, c->name);
    put(e, "constraint ");
    q(e, name);
    put(e, " check (");
    q(e, c->name);
    put(e, " in (");
    for (i = 0; i < en->nvalues; i++) {
        if (i)
            put(e, ", ");
        literal(e, en->values[i]);
    }
    put(e, "))");
}

static void fk_clause(emitter *e, const tide_fk *fk)
{
    put(e, "constraint ");
    q(e, fk->name);
    put(e, " foreign key ");
    column_list(e, fk->columns, fk->ncolumns);
    put(e, " references ");
    q(e, fk->ref_table);
    put(e, " ");
    column_list(e, fk->ref_columns, fk->nref_columns);
    if (fk->on_delete) { put(e, " on delete "); put(e, fk->on_delete); }
    if (fk->on_update) { put(e, " on update "); put(e, fk->on_update); }
    if (fk->deferrable)
        put(e, fk->initially_deferred ? " deferrable initially deferred" : " deferrable");
}

/* create table NAME (...): the whole table, foreign keys inline. */
static void create_table_as(emitter *e, const tide_table *t, const char *name)
{
    int i, serial = 0;
    if (t->schema) {
        fail(e, "table %s.%s: PostgreSQL schemas (namespaces) are not available on SQLite", t->schema, t->name);
        return;
    }
    put(e, "create table ");
    q(e, name);
    put(e, " (\n");
    for (i = 0; i < t->ncolumns; i++) {
        put(e, i ? ",\n  " : "  ");
        column_def(e, t, &t->columns[i]);
        serial |= inline_serial(t, &t->columns[i]);
    }
    if (t->npk && !serial) {
        put(e, ",\n  constraint ");
        q(e, t->pk_name);
        put(e, " primary key ");
        column_list(e, t->pk, t->npk);
    }
    for (i = 0; i < t->nuniques; i++) {
        put(e, ",\n  constraint ");
        q(e, t->uniques[i].name);
        put(e, " unique ");
        column_list(e, t->uniques[i].columns, t->uniques[i].ncolumns);
    }
    for (i = 0; i < t->nchecks; i++) {
        put(e, ",\n  constraint ");
        q(e, t->checks[i].name);
        put(e, " check (");
        put(e, t->checks[i].expr);
        put(e, ")");
    }
    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].is_enum) {
            put(e, ",\n  ");
            enum_check(e, t, &t->columns[i]);
        }
    for (i = 0; i < t->nfks; i++) {
        put(e, ",\n  ");
        fk_clause(e, &t->fks[i]);
    }
    put(e, "\n)");
    stmt(e);
}

static void create_index(emitter *e, const tide_table *t, const tide_index *ix)
{
    put(e, ix->unique ? "create unique index " : "create index ");
    q(e, ix->name);
    put(e, " on ");
    q(e, t->name);
    put(e, " ");
    if (ix->method)
        fail(e, "index %s: index methods (using %s) need PostgreSQL", ix->name, ix->method);
    if (ix->expression) {
        put(e, "(");
        put(e, ix->expression);
        put(e, ")");
    } else {
        column_list(e, ix->columns, ix->ncolumns);
    }
    if (ix->where) {
        put(e, " where ");
        put(e, ix->where);
    }
    stmt(e);
}

/* ---- which tables need a rebuild ------------------------------------------ */

/* A default ALTER TABLE ADD COLUMN accepts: a literal, not an expression. */
static int constant_default(const char *d)
{
    if (!d || !strcmp(d, "null") || !strcmp(d, "true") || !strcmp(d, "false"))
        return 1;
    return d[0] == '\'' || d[0] == '-' || d[0] == '+' || isdigit((unsigned char)d[0]);
}

static int addable(const tide_column *c)
{
    return !c->autoincrement && constant_default(c->default_expr) && (c->nullable || c->default_expr);
}

static int needs_rebuild(const tide_op *op)
{
    switch (op->kind) {
    case TIDE_OP_ALTER_COLUMN:
        return (op->changes & ~(unsigned)TIDE_CHANGE_COMMENT) != 0;
    case TIDE_OP_ADD_COLUMN:
        return !addable(op->column);
    case TIDE_OP_DROP_COLUMN:
    case TIDE_OP_ADD_PRIMARY_KEY: case TIDE_OP_DROP_PRIMARY_KEY:
    case TIDE_OP_ADD_UNIQUE: case TIDE_OP_DROP_UNIQUE:
    case TIDE_OP_ADD_CHECK: case TIDE_OP_DROP_CHECK:
    case TIDE_OP_DROP_FK:
        return 1;
    case TIDE_OP_ADD_FK:
        return !op->new_table;
    default:
        return 0;
    }
}

static int is_rebuilt(const emitter *e, const tide_table *t)
{
    int i;
    for (i = 0; i < e->nrebuild; i++)
        if (e->rebuild[i] == t)
            return 1;
    return 0;
}

static void mark(emitter *e, const tide_table *t)
{
    const tide_table **grown;
    /* only tables that remain: a table being dropped takes its constraints along */
    if (!t || is_rebuilt(e, t) || e->rc || tide_schema_find_table(e->plan->to, t->schema, t->name) != t)
        return;
    if (!(grown = realloc(e->rebuild, sizeof *grown * (size_t)(e->nrebuild + 1)))) {
        e->rc = TIDE_ENOMEM;
        return;
    }
    e->rebuild = grown;
    e->rebuild[e->nrebuild++] = t;
}

/* A changed enum changes the check constraint of every column using it. */
static void mark_enum_users(emitter *e, const tide_enum *en)
{
    int i, j;
    for (i = 0; i < e->plan->to->ntables; i++)
        for (j = 0; j < e->plan->to->tables[i]->ncolumns; j++) {
            const tide_column *c = &e->plan->to->tables[i]->columns[j];
            if (c->is_enum && !strcmp(c->type, en->name) &&
                tide_schema_find_table(e->plan->from, e->plan->to->tables[i]->schema, e->plan->to->tables[i]->name))
                mark(e, e->plan->to->tables[i]);
        }
}

static void find_rebuilds(emitter *e)
{
    int i;
    for (i = 0; i < e->plan->n; i++) {
        const tide_op *op = &e->plan->ops[i];
        if (op->kind == TIDE_OP_REPLACE_ENUM || op->kind == TIDE_OP_ADD_ENUM_VALUE)
            mark_enum_users(e, op->enumt);
        else if (op->table && needs_rebuild(op))
            mark(e, op->table);
    }
}

/* ---- the rebuild ------------------------------------------------------------ */

static int column_is_new(const emitter *e, const tide_table *t, const char *name)
{
    int i;
    for (i = 0; i < e->plan->n; i++)
        if (e->plan->ops[i].kind == TIDE_OP_ADD_COLUMN && e->plan->ops[i].table == t &&
            !strcmp(e->plan->ops[i].column->name, name))
            return 1;
    return 0;
}

/* Renames ran before: the old table has the new names of kept columns. */
static void rebuild(emitter *e, const tide_table *t)
{
    char tmp[300];
    int i, first = 1;
    snprintf(tmp, sizeof tmp, "%s__tide_new", t->name);
    create_table_as(e, t, tmp);
    put(e, "insert into ");
    q(e, tmp);
    put(e, " (");
    for (i = 0; i < t->ncolumns; i++)
        if (!column_is_new(e, t, t->columns[i].name)) {
            put(e, first ? "" : ", ");
            q(e, t->columns[i].name);
            first = 0;
        }
    put(e, ") select ");
    for (first = 1, i = 0; i < t->ncolumns; i++)
        if (!column_is_new(e, t, t->columns[i].name)) {
            put(e, first ? "" : ", ");
            q(e, t->columns[i].name);
            first = 0;
        }
    put(e, " from ");
    q(e, t->name);
    if (first)
        tide_buf_reset(&e->sql);          /* no column survives: nothing to copy */
    else
        stmt(e);
    put(e, "drop table ");
    q(e, t->name);
    stmt(e);
    put(e, "alter table ");
    q(e, tmp);
    put(e, " rename to ");
    q(e, t->name);
    stmt(e);
    for (i = 0; i < t->nindexes; i++)
        create_index(e, t, &t->indexes[i]);
}

/* ---- the plan, in order ------------------------------------------------------ */

static void emit_op(emitter *e, const tide_op *op)
{
    const tide_table *t = op->table;
    if (!e->rebuilt && op->kind > TIDE_OP_RENAME_COLUMN) {
        int i;
        e->rebuilt = 1;                  /* after every rename, before anything else */
        for (i = 0; i < e->nrebuild && e->rc == 0; i++)
            rebuild(e, e->rebuild[i]);
    }
    if (t && is_rebuilt(e, t) && op->kind != TIDE_OP_RENAME_TABLE && op->kind != TIDE_OP_RENAME_COLUMN)
        return;                          /* the rebuild gave it its whole new shape */
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE:
        fail(e, "PostgreSQL schemas (namespaces) are not available on SQLite: schema %s%s", op->namespace_name, NULL);
        break;
    case TIDE_OP_CREATE_ENUM: case TIDE_OP_DROP_ENUM:
    case TIDE_OP_ADD_ENUM_VALUE: case TIDE_OP_REPLACE_ENUM:
    case TIDE_OP_ALTER_TABLE_COMMENT:
        break;                           /* enums are check constraints; no comments */
    case TIDE_OP_DROP_INDEX:
        put(e, "drop index ");
        q(e, op->index->name);
        stmt(e);
        break;
    case TIDE_OP_RENAME_TABLE:
        put(e, "alter table ");
        q(e, op->old_table->name);
        put(e, " rename to ");
        q(e, t->name);
        stmt(e);
        break;
    case TIDE_OP_RENAME_COLUMN:
        put(e, "alter table ");
        q(e, t->name);
        put(e, " rename column ");
        q(e, op->old_column->name);
        put(e, " to ");
        q(e, op->column->name);
        stmt(e);
        break;
    case TIDE_OP_DROP_TABLE:
        put(e, "drop table ");
        q(e, op->old_table->name);
        stmt(e);
        break;
    case TIDE_OP_CREATE_TABLE:
        create_table_as(e, t, t->name);
        break;
    case TIDE_OP_ADD_COLUMN:
        put(e, "alter table ");
        q(e, t->name);
        put(e, " add column ");
        column_def(e, t, op->column);
        if (op->column->is_enum) {
            put(e, " ");
            enum_check(e, t, op->column);
        }
        stmt(e);
        break;
    case TIDE_OP_CREATE_INDEX:
        create_index(e, t, op->index);
        break;
    case TIDE_OP_ADD_FK:
        break;                           /* new tables have theirs inline */
    default:
        break;                           /* everything else went into a rebuild */
    }
}

int sqlite_emit(const tide_plan *plan, tide_sql_list *out, tide_err *err)
{
    emitter e;
    int i;
    memset(&e, 0, sizeof e);
    e.plan = plan;
    e.out = out;
    e.err = err;
    find_rebuilds(&e);
    for (i = 0; i < plan->n && e.rc == 0; i++)
        emit_op(&e, &plan->ops[i]);
    for (i = 0; !e.rebuilt && i < e.nrebuild && e.rc == 0; i++)
        rebuild(&e, e.rebuild[i]);
    tide_buf_free(&e.sql);
    free(e.rebuild);
    if (e.rc == TIDE_ENOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing SQL");
    return e.rc;
}
