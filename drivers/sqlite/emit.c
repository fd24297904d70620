/* emit.c — SQLite SQL for a plan. ALTER TABLE where SQLite can (add a
 * column with a constant default, rename a column or table, create/drop an
 * index); every other change to an existing table becomes one rebuild of
 * that table, the procedure of SQLite's ALTER TABLE documentation: create the
 * new shape under a temporary name, copy the rows, drop the old table,
 * rename, recreate the indexes. The runner switches foreign keys off before
 * the transaction and runs foreign_key_check before commit, so rebuilding a
 * parent never cascades into its children. */
#include "sqlite_internal.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct emitter {
    tide_sqlw w;                      /* first: an emitter is a writer */
    const tide_table **rebuild;       /* tables (of plan->to) to rebuild */
    int nrebuild;
    int rebuilt;                      /* the rebuilds were emitted */
} emitter;

#define W(e) (&(e)->w)







static const tide_enum *enum_of(const emitter *e, const tide_column *c)
{
    return c->is_enum ? tide_schema_find_enum(e->w.plan->to, NULL, c->type) : NULL;
}

/* A serial column is SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, declared
 * inline: only for a table whose whole primary key is that column. */
static int inline_serial(const tide_table *t, const tide_column *c)
{
    return c->autoincrement && t->npk == 1 && !strcmp(t->pk[0], c->name);
}

static void column_def(emitter *e, const tide_table *t, const tide_column *c)
{
    tide_sqlw_q(W(e), c->name);
    tide_sqlw_put(W(e), " ");
    if (strstr(c->type, "[]")) {
        tide_sqlw_fail(W(e), "column %s.%s: array types need PostgreSQL", t->name, c->name);
        return;
    }
    if (c->autoincrement && !inline_serial(t, c)) {
        tide_sqlw_fail(W(e), "column %s.%s: serial needs to be the whole primary key on SQLite", t->name, c->name);
        return;
    }
    tide_sqlw_put(W(e), inline_serial(t, c) ? "integer" : c->type);
    if (c->is_enum)
        tide_sqlw_put(W(e), " text");                 /* "status" user_status text: text affinity, named type */
    if (!c->nullable)
        tide_sqlw_put(W(e), " not null");
    if (inline_serial(t, c)) {
        tide_sqlw_put(W(e), " constraint ");
        tide_sqlw_q(W(e), t->pk_name);
        tide_sqlw_put(W(e), " primary key autoincrement");
    }
    if (c->collation) {
        tide_sqlw_put(W(e), " collate ");
        tide_sqlw_q(W(e), c->collation);
    }
    if (c->default_expr) {
        tide_sqlw_put(W(e), " default ");
        tide_sqlw_put(W(e), isalpha((unsigned char)c->default_expr[0]) && strchr(c->default_expr, '(') ? "(" : "");
        tide_sqlw_put(W(e), c->default_expr);
        tide_sqlw_put(W(e), isalpha((unsigned char)c->default_expr[0]) && strchr(c->default_expr, '(') ? ")" : "");
    }
}

static void enum_check(emitter *e, const tide_table *t, const tide_column *c)
{
    const tide_enum *en = enum_of(e, c);
    char name[300];
    int i;
    if (!en) {
        tide_sqlw_fail(W(e), "column %s.%s uses an enum that is not defined", t->name, c->name);
        return;
    }
    snprintf(name, sizeof name, "%s_%s_enum", t->name, c->name);
    tide_sqlw_put(W(e), "constraint ");
    tide_sqlw_q(W(e), name);
    tide_sqlw_put(W(e), " check (");
    tide_sqlw_q(W(e), c->name);
    tide_sqlw_put(W(e), " in (");
    for (i = 0; i < en->nvalues; i++) {
        if (i)
            tide_sqlw_put(W(e), ", ");
        tide_sqlw_literal(W(e), en->values[i]);
    }
    tide_sqlw_put(W(e), "))");
}


/* create table NAME (...): the whole table, foreign keys inline. */
static void create_table_as(emitter *e, const tide_table *t, const char *name)
{
    int i, serial = 0;
    if (t->schema) {
        tide_sqlw_fail(W(e), "table %s.%s: PostgreSQL schemas (namespaces) are not available on SQLite", t->schema, t->name);
        return;
    }
    tide_sqlw_put(W(e), "create table ");
    tide_sqlw_q(W(e), name);
    tide_sqlw_put(W(e), " (\n");
    for (i = 0; i < t->ncolumns; i++) {
        tide_sqlw_put(W(e), i ? ",\n  " : "  ");
        column_def(e, t, &t->columns[i]);
        serial |= inline_serial(t, &t->columns[i]);
    }
    if (t->npk && !serial) {
        tide_sqlw_put(W(e), ",\n  constraint ");
        tide_sqlw_q(W(e), t->pk_name);
        tide_sqlw_put(W(e), " primary key ");
        tide_sqlw_columns(W(e), t->pk, t->npk);
    }
    for (i = 0; i < t->nuniques; i++) {
        tide_sqlw_put(W(e), ",\n  constraint ");
        tide_sqlw_q(W(e), t->uniques[i].name);
        tide_sqlw_put(W(e), " unique ");
        tide_sqlw_columns(W(e), t->uniques[i].columns, t->uniques[i].ncolumns);
    }
    for (i = 0; i < t->nchecks; i++) {
        tide_sqlw_put(W(e), ",\n  constraint ");
        tide_sqlw_q(W(e), t->checks[i].name);
        tide_sqlw_put(W(e), " check (");
        tide_sqlw_put(W(e), t->checks[i].expr);
        tide_sqlw_put(W(e), ")");
    }
    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].is_enum) {
            tide_sqlw_put(W(e), ",\n  ");
            enum_check(e, t, &t->columns[i]);
        }
    for (i = 0; i < t->nfks; i++) {
        tide_sqlw_put(W(e), ",\n  ");
        tide_sqlw_fk(W(e), &t->fks[i], 0);
    }
    tide_sqlw_put(W(e), "\n)");
    tide_sqlw_stmt(W(e));
}

static void create_index(emitter *e, const tide_table *t, const tide_index *ix)
{
    tide_sqlw_put(W(e), ix->unique ? "create unique index " : "create index ");
    tide_sqlw_q(W(e), ix->name);
    tide_sqlw_put(W(e), " on ");
    tide_sqlw_q(W(e), t->name);
    tide_sqlw_put(W(e), " ");
    if (ix->method)
        tide_sqlw_fail(W(e), "index %s: index methods (using %s) need PostgreSQL", ix->name, ix->method);
    tide_sqlw_index_body(W(e), ix);
    tide_sqlw_stmt(W(e));
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
    if (!t || is_rebuilt(e, t) || e->w.rc || tide_schema_find_table(e->w.plan->to, t->schema, t->name) != t)
        return;
    if (!(grown = realloc(e->rebuild, sizeof *grown * (size_t)(e->nrebuild + 1)))) {
        e->w.rc = TIDE_ENOMEM;
        return;
    }
    e->rebuild = grown;
    e->rebuild[e->nrebuild++] = t;
}

/* A changed enum changes the check constraint of every column using it. */
static void mark_enum_users(emitter *e, const tide_enum *en)
{
    int i, j;
    for (i = 0; i < e->w.plan->to->ntables; i++)
        for (j = 0; j < e->w.plan->to->tables[i]->ncolumns; j++) {
            const tide_column *c = &e->w.plan->to->tables[i]->columns[j];
            if (c->is_enum && !strcmp(c->type, en->name) &&
                tide_schema_find_table(e->w.plan->from, e->w.plan->to->tables[i]->schema, e->w.plan->to->tables[i]->name))
                mark(e, e->w.plan->to->tables[i]);
        }
}

static void find_rebuilds(emitter *e)
{
    int i;
    for (i = 0; i < e->w.plan->n; i++) {
        const tide_op *op = &e->w.plan->ops[i];
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
    for (i = 0; i < e->w.plan->n; i++)
        if (e->w.plan->ops[i].kind == TIDE_OP_ADD_COLUMN && e->w.plan->ops[i].table == t &&
            !strcmp(e->w.plan->ops[i].column->name, name))
            return 1;
    return 0;
}

/* Renames ran before: the old table has the new names of kept columns. */
static void rebuild(emitter *e, const tide_table *t)
{
    char tmp[300];
    int i, first = 1;
    snprintf(tmp, sizeof tmp, "%s__tide_new", t->name);
    if (e->w.rc == 0)                    /* DROP TABLE takes its triggers along */
        e->w.rc = tide_sql_list_push_kind(e->w.out, TIDE_SQL_SAVE_TRIGGERS, t->name, e->w.err);
    create_table_as(e, t, tmp);
    tide_sqlw_put(W(e), "insert into ");
    tide_sqlw_q(W(e), tmp);
    tide_sqlw_put(W(e), " (");
    for (i = 0; i < t->ncolumns; i++)
        if (!column_is_new(e, t, t->columns[i].name)) {
            tide_sqlw_put(W(e), first ? "" : ", ");
            tide_sqlw_q(W(e), t->columns[i].name);
            first = 0;
        }
    tide_sqlw_put(W(e), ") select ");
    for (first = 1, i = 0; i < t->ncolumns; i++)
        if (!column_is_new(e, t, t->columns[i].name)) {
            tide_sqlw_put(W(e), first ? "" : ", ");
            tide_sqlw_q(W(e), t->columns[i].name);
            first = 0;
        }
    tide_sqlw_put(W(e), " from ");
    tide_sqlw_q(W(e), t->name);
    if (first)
        tide_buf_reset(&e->w.sql);          /* no column survives: nothing to copy */
    else
        tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "drop table ");
    tide_sqlw_q(W(e), t->name);
    tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "alter table ");
    tide_sqlw_q(W(e), tmp);
    tide_sqlw_put(W(e), " rename to ");
    tide_sqlw_q(W(e), t->name);
    tide_sqlw_stmt(W(e));
    for (i = 0; i < t->nindexes; i++)
        create_index(e, t, &t->indexes[i]);
    if (e->w.rc == 0)
        e->w.rc = tide_sql_list_push_kind(e->w.out, TIDE_SQL_RESTORE_TRIGGERS, t->name, e->w.err);
}

/* ---- the plan, in order ------------------------------------------------------ */

static void emit_op(emitter *e, const tide_op *op)
{
    const tide_table *t = op->table;
    if (!e->rebuilt && op->kind > TIDE_OP_RENAME_COLUMN) {
        int i;
        e->rebuilt = 1;                  /* after every rename, before anything else */
        for (i = 0; i < e->nrebuild && e->w.rc == 0; i++)
            rebuild(e, e->rebuild[i]);
    }
    if (t && is_rebuilt(e, t) && op->kind != TIDE_OP_RENAME_TABLE && op->kind != TIDE_OP_RENAME_COLUMN)
        return;                          /* the rebuild gave it its whole new shape */
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE:
        tide_sqlw_fail(W(e), "PostgreSQL schemas (namespaces) are not available on SQLite: schema %s", op->namespace_name);
        break;
    case TIDE_OP_CREATE_ENUM: case TIDE_OP_DROP_ENUM:
    case TIDE_OP_ADD_ENUM_VALUE: case TIDE_OP_REPLACE_ENUM:
    case TIDE_OP_ALTER_TABLE_COMMENT:
        break;                           /* enums are check constraints; no comments */
    case TIDE_OP_DROP_INDEX:
        tide_sqlw_put(W(e), "drop index ");
        tide_sqlw_q(W(e), op->index->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_RENAME_TABLE:
        tide_sqlw_put(W(e), "alter table ");
        tide_sqlw_q(W(e), op->old_table->name);
        tide_sqlw_put(W(e), " rename to ");
        tide_sqlw_q(W(e), t->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_RENAME_COLUMN:
        tide_sqlw_put(W(e), "alter table ");
        tide_sqlw_q(W(e), t->name);
        tide_sqlw_put(W(e), " rename column ");
        tide_sqlw_q(W(e), op->old_column->name);
        tide_sqlw_put(W(e), " to ");
        tide_sqlw_q(W(e), op->column->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_DROP_TABLE:
        tide_sqlw_put(W(e), "drop table ");
        tide_sqlw_q(W(e), op->old_table->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_CREATE_TABLE:
        create_table_as(e, t, t->name);
        break;
    case TIDE_OP_ADD_COLUMN:
        tide_sqlw_put(W(e), "alter table ");
        tide_sqlw_q(W(e), t->name);
        tide_sqlw_put(W(e), " add column ");
        column_def(e, t, op->column);
        if (op->column->is_enum) {
            tide_sqlw_put(W(e), " ");
            enum_check(e, t, op->column);
        }
        tide_sqlw_stmt(W(e));
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
    tide_sqlw_init(&e.w, &tide_sqlite_driver, plan, out, err);
    find_rebuilds(&e);
    for (i = 0; i < plan->n && e.w.rc == 0; i++)
        emit_op(&e, &plan->ops[i]);
    for (i = 0; !e.rebuilt && i < e.nrebuild && e.w.rc == 0; i++)
        rebuild(&e, e.rebuild[i]);
    free(e.rebuild);
    return tide_sqlw_finish(&e.w);
}
