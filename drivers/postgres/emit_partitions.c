/* emit_partitions.c — PostgreSQL SQL for partitioned tables: the key a
 * partitioned table is created with (tide_table.partition_by), and its
 * partitions, objects of kind TIDE_OBJ_PARTITION on it whose definition is
 * their bound ("for values from (...) to (...)", "for values in (...)",
 * "for values with (modulus 4, remainder 0)", "default"). A partition takes
 * its columns, keys and indexes from its table; a changed bound detaches
 * the partition and attaches it again (its rows stay, and must fit). */
#include "pg_internal.h"
#include "sqlw.h"

#include <stdio.h>
#include <string.h>

void pg_emit__partition_by(tide_sqlw *e, const tide_table *t)
{
    int i;
    for (i = 0; i < t->ninherits; i++) {     /* inherits ("schema.name" or "name") */
        const char *p = t->inherits[i], *dot = strchr(p, '.');
        char ns[128];
        snprintf(ns, sizeof ns, "%.*s", dot ? (int)(dot - p) : 0, p);
        tide_sqlw_put(e, i ? ", " : " inherits (");
        tide_sqlw_qname(e, dot ? ns : NULL, dot ? dot + 1 : p);
        if (i == t->ninherits - 1)
            tide_sqlw_put(e, ")");
    }
    if (!t->partition_by)
        return;
    tide_sqlw_put(e, " partition by ");
    tide_sqlw_put(e, t->partition_by);
}

int pg_emit__partition_key_change(tide_sqlw *e, const tide_op *op)
{
    const char *a = op->old_table->partition_by, *b = op->table->partition_by;
    int i, same = op->old_table->ninherits == op->table->ninherits;
    for (i = 0; same && i < op->table->ninherits; i++)
        same = !strcmp(op->old_table->inherits[i], op->table->inherits[i]);
    if (!same) {
        tide_sqlw_fail(e, "table %s: the tables it inherits from change, which tide does not do: write the "
                       "migration yourself (tide migration:create --blank; alter table ... inherit / no inherit)",
                       op->table->name);
        return 1;
    }
    if ((!a && !b) || (a && b && !strcmp(a, b)))
        return 0;
    tide_sqlw_fail(e, "table %s: its partitioning changes (%s -> %s), which PostgreSQL cannot do in place: "
                   "write the migration yourself (tide migration:create --blank: create the new table "
                   "with its partitions, copy the rows, drop the old one, rename the new one)",
                   op->table->name, a ? a : "not partitioned", b ? b : "not partitioned");
    return 1;
}

static void attach(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, o->schema, o->table);
    tide_sqlw_put(e, " attach partition ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " ");
    tide_sqlw_put(e, o->definition);
    tide_sqlw_stmt(e);
}

static void comment(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "comment on table ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " is ");
    if (o->comment)
        tide_sqlw_literal(e, o->comment);
    else
        tide_sqlw_put(e, "null");
    tide_sqlw_stmt(e);
}

void pg_emit__index_comment(tide_sqlw *e, const tide_table *t, const tide_index *ix)
{
    tide_sqlw_put(e, "comment on index ");
    tide_sqlw_qname(e, t->schema, ix->name);
    tide_sqlw_put(e, " is ");
    if (ix->comment)
        tide_sqlw_literal(e, ix->comment);
    else
        tide_sqlw_put(e, "null");
    tide_sqlw_stmt(e);
}

int pg_emit__partition(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (o->kind != TIDE_OBJ_PARTITION)
        return 0;
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
        tide_sqlw_put(e, "create table ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " partition of ");
        tide_sqlw_qname(e, o->schema, o->table);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        tide_sqlw_stmt(e);
        if (o->comment)
            comment(e, o);
        break;
    case TIDE_OP_DROP_OBJECT:
        tide_sqlw_put(e, "drop table ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_OBJECT:
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, op->old_object->schema, op->old_object->name);
        tide_sqlw_put(e, " rename to ");
        tide_sqlw_q(e, op->object->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ALTER_OBJECT:                 /* a new bound: detach, attach */
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, op->old_object->schema, op->old_object->table);
        tide_sqlw_put(e, " detach partition ");
        tide_sqlw_qname(e, op->old_object->schema, op->old_object->name);
        tide_sqlw_stmt(e);
        attach(e, op->object);
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        comment(e, op->object);
        break;
    default:
        break;
    }
    return 1;
}
