/* emit_comments.c — PostgreSQL SQL for TIDE_OP_COMMENT: the comments of
 * what has no comment op of its own (model/diff.h): a namespace (COMMENT ON
 * SCHEMA; the default namespace's, when the definitions say none, goes back
 * to the one CREATE DATABASE gives it), an enum type (COMMENT ON TYPE), a table's constraint (COMMENT ON
 * CONSTRAINT) and the sequence a serial or identity column owns, whatever
 * its name (COMMENT ON SEQUENCE of pg_get_serial_sequence). */
#include <string.h>

#include "pg_internal.h"
#include "sqlw.h"

#include <string.h>

/* The comment text, or null. */
static void is(tide_sqlw *e, const char *text)
{
    tide_sqlw_put(e, " is ");
    if (text)
        tide_sqlw_literal(e, text);
    else
        tide_sqlw_put(e, "null");
}

/* The sequence's name is the server's to know: a format() in a DO block,
 * as owned_sequence (emit.c) alters it. */
static void sequence_comment(tide_sqlw *e, const tide_table *t, const tide_column *c, const char *text)
{
    tide_buf table = TIDE_BUF_INIT;
    pg_emit__table_name(e, t, &table);
    tide_sqlw_put(e, "do $tide$ begin execute format('comment on sequence %s is %L', pg_get_serial_sequence(");
    tide_sqlw_literal(e, table.data ? table.data : "");
    tide_sqlw_put(e, ", ");
    tide_sqlw_literal(e, c->name);
    tide_sqlw_put(e, "), ");
    if (text)
        tide_sqlw_literal(e, text);
    else
        tide_sqlw_put(e, "null::text");
    tide_sqlw_put(e, "); end $tide$");
    tide_sqlw_stmt(e);
    tide_buf_free(&table);
}

void pg_emit__comment(tide_sqlw *e, const tide_op *op)
{
    if (op->column) {
        sequence_comment(e, op->table, op->column, op->value);
        return;
    }
    if (op->namespace_name) {
        tide_sqlw_put(e, "comment on schema ");
        tide_sqlw_q(e, op->namespace_name);
    } else if (op->enumt) {
        tide_sqlw_put(e, "comment on type ");
        tide_sqlw_qname(e, op->enumt->schema, op->enumt->name);
    } else {
        tide_sqlw_put(e, "comment on constraint ");
        tide_sqlw_q(e, op->new_name);
        tide_sqlw_put(e, " on ");
        tide_sqlw_qname(e, op->table->schema, op->table->name);
    }
    if (op->namespace_name && !op->value && !strcmp(op->namespace_name, "public"))
        is(e, "standard public schema");        /* public's comment as initdb leaves it */
    else
        is(e, op->value);
    tide_sqlw_stmt(e);
}
