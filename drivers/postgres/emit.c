/* emit.c — PostgreSQL SQL for each operation of a plan. Every identifier is
 * quoted (through the driver's own quoting); names are always explicit, so
 * what introspection reads back is what the model says. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct emitter {
    const tide_plan *plan;
    tide_sql_list *out;
    tide_buf sql;
    tide_err *err;
    int rc;
} emitter;

static void q(emitter *e, const char *ident)
{
    if (e->rc == 0 && tide_postgres_driver.quote_ident(&e->sql, ident) < 0)
        e->rc = TIDE_ENOMEM;
}

static void put(emitter *e, const char *s)
{
    if (e->rc == 0 && tide_buf_puts(&e->sql, s) < 0)
        e->rc = TIDE_ENOMEM;
}

/* "schema"."name" or "name" */
static void qname(emitter *e, const char *schema, const char *name)
{
    if (schema) {
        q(e, schema);
        put(e, ".");
    }
    q(e, name);
}

static void qtable(emitter *e, const tide_table *t) { qname(e, t->schema, t->name); }

/* Ends the statement in e->sql and appends it to the list. */
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
    if (e->rc == 0 && tide_postgres_driver.quote_literal(&e->sql, &v) < 0)
        e->rc = TIDE_EINVAL;
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
        put(e, cols[i] + len);          /* " desc" */
    }
    put(e, ")");
}

/* The PostgreSQL spelling of a column's type. */
static void type_of(emitter *e, const tide_column *c)
{
    const char *t = c->type;
    if (c->autoincrement && (!strcmp(t, "integer") || !strcmp(t, "bigint") || !strcmp(t, "smallint"))) {
        put(e, !strcmp(t, "integer") ? "serial" : !strcmp(t, "bigint") ? "bigserial" : "smallserial");
        return;
    }
    if (c->is_enum) {
        const char *dot = strchr(t, '.');
        char schema[128];
        snprintf(schema, sizeof schema, "%.*s", dot ? (int)(dot - t) : 0, t);
        qname(e, dot ? schema : NULL, dot ? dot + 1 : t);
        return;
    }
    if (!strncmp(t, "double", 6)) {
        put(e, "double precision");
        put(e, t + 6);                  /* double[] */
        return;
    }
    put(e, t);
}

static void column_def(emitter *e, const tide_column *c)
{
    q(e, c->name);
    put(e, " ");
    type_of(e, c);
    if (c->collation) {
        put(e, " collate ");
        q(e, c->collation);
    }
    if (!c->nullable)
        put(e, " not null");
    if (c->default_expr && !c->autoincrement) {
        put(e, " default ");
        put(e, c->default_expr);
    }
}

static void fk_clause(emitter *e, const tide_fk *fk)
{
    put(e, "constraint ");
    q(e, fk->name);
    put(e, " foreign key ");
    column_list(e, fk->columns, fk->ncolumns);
    put(e, " references ");
    qname(e, fk->ref_schema, fk->ref_table);
    put(e, " ");
    column_list(e, fk->ref_columns, fk->nref_columns);
    if (fk->on_delete) { put(e, " on delete "); put(e, fk->on_delete); }
    if (fk->on_update) { put(e, " on update "); put(e, fk->on_update); }
    if (fk->deferrable)
        put(e, fk->initially_deferred ? " deferrable initially deferred" : " deferrable");
}

static void comment_on(emitter *e, const char *what, const tide_table *t, const char *col, const char *text)
{
    put(e, "comment on ");
    put(e, what);
    put(e, " ");
    qtable(e, t);
    if (col) {
        put(e, ".");
        q(e, col);
    }
    put(e, " is ");
    if (text)
        literal(e, text);
    else
        put(e, "null");
    stmt(e);
}

static void create_table(emitter *e, const tide_table *t)
{
    int i;
    put(e, "create table ");
    qtable(e, t);
    put(e, " (\n");
    for (i = 0; i < t->ncolumns; i++) {
        put(e, i ? ",\n  " : "  ");
        column_def(e, &t->columns[i]);
    }
    if (t->npk) {
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
    put(e, "\n)");
    stmt(e);
    if (t->comment)
        comment_on(e, "table", t, NULL, t->comment);
    for (i = 0; i < t->ncolumns; i++)
        if (t->columns[i].comment)
            comment_on(e, "column", t, t->columns[i].name, t->columns[i].comment);
}

static void create_index(emitter *e, const tide_table *t, const tide_index *ix)
{
    put(e, ix->unique ? "create unique index " : "create index ");
    q(e, ix->name);
    put(e, " on ");
    qtable(e, t);
    if (ix->method) {
        put(e, " using ");
        put(e, ix->method);
    }
    put(e, " ");
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

static void alter_table(emitter *e, const tide_table *t)
{
    put(e, "alter table ");
    qtable(e, t);
    put(e, " ");
}

static void drop_constraint(emitter *e, const tide_table *t, const char *name)
{
    alter_table(e, t);
    put(e, "drop constraint ");
    q(e, name);
    stmt(e);
}

static void alter_column(emitter *e, const tide_op *op)
{
    const tide_table *t = op->table;
    const tide_column *c = op->column;
    if (op->changes & (TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION)) {
        if (op->old_column->default_expr && !(op->changes & TIDE_CHANGE_DEFAULT)) {
            alter_table(e, t);              /* a default may not cast to the new type */
            put(e, "alter column ");
            q(e, c->name);
            put(e, " drop default");
            stmt(e);
        }
        alter_table(e, t);
        put(e, "alter column ");
        q(e, c->name);
        put(e, " type ");
        type_of(e, c);
        if (c->collation) {
            put(e, " collate ");
            q(e, c->collation);
        }
        put(e, " using ");
        q(e, c->name);
        put(e, "::");
        type_of(e, c);
        stmt(e);
    }
    if (op->changes & TIDE_CHANGE_NULLABLE) {
        alter_table(e, t);
        put(e, "alter column ");
        q(e, c->name);
        put(e, c->nullable ? " drop not null" : " set not null");
        stmt(e);
    }
    if ((op->changes & (TIDE_CHANGE_DEFAULT | TIDE_CHANGE_TYPE | TIDE_CHANGE_COLLATION)) &&
        (c->default_expr || (op->changes & TIDE_CHANGE_DEFAULT)) && !c->autoincrement) {
        alter_table(e, t);
        put(e, "alter column ");
        q(e, c->name);
        if (c->default_expr) {
            put(e, " set default ");
            put(e, c->default_expr);
        } else {
            put(e, " drop default");
        }
        stmt(e);
    }
    if (op->changes & TIDE_CHANGE_AUTOINCREMENT) {
        alter_table(e, t);
        put(e, "alter column ");
        q(e, c->name);
        put(e, c->autoincrement ? " add generated by default as identity" : " drop identity if exists");
        stmt(e);
    }
    if (op->changes & TIDE_CHANGE_COMMENT)
        comment_on(e, "column", t, c->name, c->comment);
}

/* New type, columns cast through text, old type dropped: PostgreSQL cannot
 * remove or reorder enum values in place. Rows holding a removed value make
 * the cast fail, so nothing is lost silently. */
static void replace_enum(emitter *e, const tide_op *op)
{
    const tide_enum *en = op->enumt;
    char old[300], qualified[300];
    int i, j;
    snprintf(old, sizeof old, "%s__tide_old", en->name);
    snprintf(qualified, sizeof qualified, "%s%s%s", en->schema ? en->schema : "", en->schema ? "." : "", en->name);
    put(e, "alter type ");
    qname(e, en->schema, en->name);
    put(e, " rename to ");
    q(e, old);
    stmt(e);
    put(e, "create type ");
    qname(e, en->schema, en->name);
    put(e, " as enum (");
    for (i = 0; i < en->nvalues; i++) {
        if (i)
            put(e, ", ");
        literal(e, en->values[i]);
    }
    put(e, ")");
    stmt(e);
    for (i = 0; i < e->plan->to->ntables; i++) {
        const tide_table *t = e->plan->to->tables[i];
        for (j = 0; j < t->ncolumns; j++) {
            const tide_column *c = &t->columns[j];
            if (!c->is_enum || strcmp(c->type, qualified))
                continue;
            if (c->default_expr) {
                alter_table(e, t);
                put(e, "alter column "); q(e, c->name); put(e, " drop default");
                stmt(e);
            }
            alter_table(e, t);
            put(e, "alter column ");
            q(e, c->name);
            put(e, " type ");
            qname(e, en->schema, en->name);
            put(e, " using ");
            q(e, c->name);
            put(e, "::text::");
            qname(e, en->schema, en->name);
            stmt(e);
            if (c->default_expr) {
                alter_table(e, t);
                put(e, "alter column "); q(e, c->name); put(e, " set default "); put(e, c->default_expr);
                stmt(e);
            }
        }
    }
    put(e, "drop type ");
    qname(e, en->schema, old);
    stmt(e);
}

static void emit_op(emitter *e, const tide_op *op)
{
    const tide_table *t = op->table;
    int i;
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE:
        put(e, "create schema if not exists ");
        q(e, op->namespace_name);
        stmt(e);
        break;
    case TIDE_OP_CREATE_ENUM:
        put(e, "create type ");
        qname(e, op->enumt->schema, op->enumt->name);
        put(e, " as enum (");
        for (i = 0; i < op->enumt->nvalues; i++) {
            if (i)
                put(e, ", ");
            literal(e, op->enumt->values[i]);
        }
        put(e, ")");
        stmt(e);
        break;
    case TIDE_OP_ADD_ENUM_VALUE:
        put(e, "alter type ");
        qname(e, op->enumt->schema, op->enumt->name);
        put(e, " add value ");
        literal(e, op->value);
        if (op->before) { put(e, " before "); literal(e, op->before); }
        else if (op->after) { put(e, " after "); literal(e, op->after); }
        stmt(e);
        break;
    case TIDE_OP_REPLACE_ENUM:
        replace_enum(e, op);
        break;
    case TIDE_OP_DROP_ENUM:
        put(e, "drop type ");
        qname(e, op->old_enum->schema, op->old_enum->name);
        stmt(e);
        break;
    case TIDE_OP_DROP_FK:
        drop_constraint(e, op->old_table ? op->old_table : t, op->fk->name);
        break;
    case TIDE_OP_DROP_UNIQUE:
        drop_constraint(e, op->old_table, op->unique->name);
        break;
    case TIDE_OP_DROP_CHECK:
        drop_constraint(e, op->old_table, op->check->name);
        break;
    case TIDE_OP_DROP_PRIMARY_KEY:
        drop_constraint(e, op->old_table, op->old_table->pk_name);
        break;
    case TIDE_OP_DROP_INDEX:
        put(e, "drop index ");
        qname(e, op->old_table->schema, op->index->name);
        stmt(e);
        break;
    case TIDE_OP_RENAME_TABLE:
        if ((op->old_table->schema || t->schema) &&
            strcmp(op->old_table->schema ? op->old_table->schema : "public", t->schema ? t->schema : "public")) {
            alter_table(e, op->old_table);
            put(e, "set schema ");
            q(e, t->schema ? t->schema : "public");
            stmt(e);
        }
        if (strcmp(op->old_table->name, t->name)) {
            put(e, "alter table ");
            qname(e, t->schema, op->old_table->name);
            put(e, " rename to ");
            q(e, t->name);
            stmt(e);
        }
        break;
    case TIDE_OP_RENAME_COLUMN:
        alter_table(e, t);
        put(e, "rename column ");
        q(e, op->old_column->name);
        put(e, " to ");
        q(e, op->column->name);
        stmt(e);
        break;
    case TIDE_OP_DROP_TABLE:
        put(e, "drop table ");
        qtable(e, op->old_table);
        stmt(e);
        break;
    case TIDE_OP_CREATE_TABLE:
        create_table(e, t);
        break;
    case TIDE_OP_ADD_COLUMN:
        alter_table(e, t);
        put(e, "add column ");
        column_def(e, op->column);
        stmt(e);
        if (op->column->comment)
            comment_on(e, "column", t, op->column->name, op->column->comment);
        break;
    case TIDE_OP_ALTER_COLUMN:
        alter_column(e, op);
        break;
    case TIDE_OP_DROP_COLUMN:
        alter_table(e, t);
        put(e, "drop column ");
        q(e, op->old_column->name);
        stmt(e);
        break;
    case TIDE_OP_ALTER_TABLE_COMMENT:
        comment_on(e, "table", t, NULL, t->comment);
        break;
    case TIDE_OP_ADD_PRIMARY_KEY:
        alter_table(e, t);
        put(e, "add constraint ");
        q(e, t->pk_name);
        put(e, " primary key ");
        column_list(e, t->pk, t->npk);
        stmt(e);
        break;
    case TIDE_OP_ADD_UNIQUE:
        alter_table(e, t);
        put(e, "add constraint ");
        q(e, op->unique->name);
        put(e, " unique ");
        column_list(e, op->unique->columns, op->unique->ncolumns);
        stmt(e);
        break;
    case TIDE_OP_ADD_CHECK:
        alter_table(e, t);
        put(e, "add constraint ");
        q(e, op->check->name);
        put(e, " check (");
        put(e, op->check->expr);
        put(e, ")");
        stmt(e);
        break;
    case TIDE_OP_CREATE_INDEX:
        create_index(e, t, op->index);
        break;
    case TIDE_OP_ADD_FK:
        alter_table(e, t);
        put(e, "add ");
        fk_clause(e, op->fk);
        stmt(e);
        break;
    }
}

int pg_emit(const tide_plan *plan, tide_sql_list *out, tide_err *err)
{
    emitter e;
    int i;
    memset(&e, 0, sizeof e);
    e.plan = plan;
    e.out = out;
    e.err = err;
    for (i = 0; i < plan->n && e.rc == 0; i++)
        emit_op(&e, &plan->ops[i]);
    tide_buf_free(&e.sql);
    if (e.rc == TIDE_ENOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory writing SQL");
    if (e.rc == TIDE_EINVAL)
        return tide_err_set(err, TIDE_EINVAL, "a value cannot be written as a PostgreSQL literal");
    return e.rc;
}
