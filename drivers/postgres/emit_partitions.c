/* emit_partitions.c — PostgreSQL SQL for partitioned tables: the key a
 * partitioned table is created with (tide_table.partition_by), and its
 * partitions, objects of kind TIDE_OBJ_PARTITION on it whose definition is
 * their bound ("for values from (...) to (...)", "for values in (...)",
 * "for values with (modulus 4, remainder 0)", "default"). A partition takes
 * its columns, keys and indexes from its table; a changed bound detaches
 * the partition and attaches it again (its rows stay, and must fit). The
 * copy of one of its table's indexes PostgreSQL makes on a partition takes
 * the name of an attached index (TIDE_OBJ_ATTACHED_INDEX) when there is one. */
#include "pg_internal.h"
#include "sqltext.h"
#include "sqlw.h"

#include <ctype.h>
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

/* The name at p (n bytes) of a plain or quoted identifier, lower case
 * unless quoted, into out; the bytes read (0: none there). */
static size_t ident_at(const char *p, size_t n, char out[64])
{
    size_t i = 0, k = 0;
    if (n && p[0] == '"') {
        for (i = 1; i < n && !(p[i] == '"' && (i + 1 >= n || p[i + 1] != '"')); i += p[i] == '"' ? 2 : 1)
            if (k < 63)
                out[k++] = p[i];
        i = i < n ? i + 1 : i;
    } else {
        for (; i < n && (isalnum((unsigned char)p[i]) || p[i] == '_' || (unsigned char)p[i] >= 0x80); i++)
            if (k < 63)
                out[k++] = (char)tolower((unsigned char)p[i]);
        if (i && isdigit((unsigned char)p[0]))
            k = 0, i = 0;
    }
    out[k] = '\0';
    return i;
}

/* The name PostgreSQL gives one key of an index's key list (n bytes at p)
 * as FigureIndexColname does for the shapes pg_get_indexdef prints: a
 * column's name (its operator class, collation and order after it), a
 * function's for a call ("lower" for lower(email)), the column's for a
 * column cast, "expr" for anything else. */
static void key_name(const char *p, size_t n, char out[64])
{
    size_t i = 0, got;
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    if (i < n && p[i] == '(') {               /* (col)::type: the column's */
        const char *close = tide_pg__paren_end(p + i);
        if (close && (size_t)(close - p) < n && close[1] == ':' && close[2] == ':') {
            size_t inner = i + 1, len = (size_t)(close - p) - inner;
            if ((got = ident_at(p + inner, len, out)) != 0 && got == len)
                return;
        }
        snprintf(out, 64, "expr");
        return;
    }
    for (;;) {                                 /* a.b.c: the last name */
        if ((got = ident_at(p + i, n - i, out)) == 0) {
            snprintf(out, 64, "expr");
            return;
        }
        i += got;
        if (i < n && p[i] == '.')
            i++;
        else
            break;
    }
    if (i < n && (p[i] == '(' || (p[i] == ':' && i + 1 < n && p[i + 1] == ':')))
        return;                                /* f(...), col::type */
    while (i < n && isspace((unsigned char)p[i]))
        i++;
    if (i < n && !isalpha((unsigned char)p[i]) && p[i] != '"')
        snprintf(out, 64, "expr");             /* a + b */
}

/* The names of ix's keys then INCLUDE columns, as PostgreSQL names the
 * index from them; the count. */
static int index_key_names(const tide_index *ix, char names[32][64])
{
    int n = 0, i;
    if (ix->expression) {
        const char *p = ix->expression, *start = p;
        int depth = 0;
        char quote = 0;
        for (;; p++) {
            if (quote) {
                if (*p == quote)
                    quote = 0;
                else if (!*p)
                    break;
                continue;
            }
            if (*p == '\'' || *p == '"')
                quote = *p;
            else if (*p == '(')
                depth++;
            else if (*p == ')')
                depth--;
            if ((!*p || (*p == ',' && depth == 0)) && n < 32) {
                key_name(start, (size_t)(p - start), names[n++]);
                start = p + 1;
            }
            if (!*p)
                break;
        }
    }
    for (i = 0; i < ix->ncolumns && n < 32; i++)
        key_name(ix->columns[i], strlen(ix->columns[i]), names[n++]);
    for (i = 0; i < ix->ninclude && n < 32; i++)
        snprintf(names[n++], 64, "%s", ix->include[i]);
    return n;
}

/* The name PostgreSQL gives the copy on partition o->table of the index
 * or key o->definition of the partition's table, in the schema the plan
 * goes from; "" when that is not there to read. */
static void copy_default_name(const tide_sqlw *e, const tide_object *o, char out[64])
{
    const tide_schema *s = e->plan->from;
    const tide_table *t = NULL;
    const char *cols[32], *label = NULL;
    char names[32][64];
    int i, n = 0;
    out[0] = '\0';
    for (i = 0; i < s->nobjects && !t; i++)
        if (s->objects[i].kind == TIDE_OBJ_PARTITION && tide_model_same_name(0, s->objects[i].schema, o->schema) &&
            tide_model_same_name(s->nocase, s->objects[i].name, o->table))
            t = tide_schema_find_table(s, o->schema, s->objects[i].table);
    if (!t)
        return;
    if (t->npk && t->pk_name && !strcmp(t->pk_name, o->definition))
        label = "pkey";
    for (i = 0; i < t->nuniques && !label; i++)
        if (!strcmp(t->uniques[i].name, o->definition)) {
            for (n = 0; n < t->uniques[i].ncolumns && n < 32; n++)
                snprintf(names[n], 64, "%s", t->uniques[i].columns[n]);
            label = "key";
        }
    for (i = 0; i < t->nindexes && !label; i++)
        if (!strcmp(t->indexes[i].name, o->definition)) {
            n = index_key_names(&t->indexes[i], names);
            label = "idx";
        }
    if (!label)
        return;
    for (i = 0; i < n; i++)
        cols[i] = names[i];
    pg_index_default_name(o->table, cols, n, label, out);
}

static void index_comment(tide_sqlw *e, const tide_object *o, const char *comment)
{
    tide_sqlw_put(e, "comment on index ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " is ");
    if (comment)
        tide_sqlw_literal(e, comment);
    else
        tide_sqlw_put(e, "null");
    tide_sqlw_stmt(e);
}

/* An attached index: the copy on partition o->table of its table's index
 * o->definition is found in the catalog (the plan cannot know the name
 * PostgreSQL gave it) and renamed o->name; dropped, it takes back the name
 * PostgreSQL gives it. */
static void attached_index(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    tide_buf part = TIDE_BUF_INIT;
    char dflt[64];
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
    case TIDE_OP_ALTER_OBJECT:
        if ((o->schema && (tide_postgres_driver.quote_ident(&part, o->schema) < 0 || tide_buf_putc(&part, '.') < 0)) ||
            tide_postgres_driver.quote_ident(&part, o->table) < 0) {
            tide_sqlw_fail(e, "out of memory");
            break;
        }
        tide_sqlw_put(e, "do $tide$ declare q text; n name; begin select c.oid::regclass::text, c.relname into q, n "
                         "from pg_catalog.pg_index x join pg_catalog.pg_class c on c.oid = x.indexrelid "
                         "join pg_catalog.pg_inherits h on h.inhrelid = c.oid "
                         "join pg_catalog.pg_class p on p.oid = h.inhparent where x.indrelid = ");
        tide_sqlw_literal(e, part.data);
        tide_sqlw_put(e, "::regclass and p.relnamespace = c.relnamespace and p.relname = ");
        tide_sqlw_literal(e, o->definition);
        tide_sqlw_put(e, "; if n is null then raise exception 'partition % has no copy of index %', ");
        tide_sqlw_literal(e, part.data);
        tide_sqlw_put(e, ", ");
        tide_sqlw_literal(e, o->definition);
        tide_sqlw_put(e, "; end if; if n <> ");
        tide_sqlw_literal(e, o->name);
        tide_sqlw_put(e, " then execute format('alter index %s rename to %I', q, ");
        tide_sqlw_literal(e, o->name);
        tide_sqlw_put(e, "); end if; end $tide$");
        tide_sqlw_stmt(e);
        if (op->kind == TIDE_OP_CREATE_OBJECT && o->comment)    /* an ALTER's comes as an op of its own */
            index_comment(e, o, o->comment);
        break;
    case TIDE_OP_DROP_OBJECT:
        if (o->comment)
            index_comment(e, o, NULL);
        copy_default_name(e, o, dflt);
        if (!*dflt) {
            tide_sqlw_fail(e, "attached index %s: the index %s of partition %s's table is not in the schema "
                           "the plan starts from: tide cannot give the copy back the name PostgreSQL gives it",
                           o->name, o->definition, o->table);
            break;
        }
        if (strcmp(dflt, o->name)) {
            tide_sqlw_put(e, "alter index if exists ");
            tide_sqlw_qname(e, o->schema, o->name);
            tide_sqlw_put(e, " rename to ");
            tide_sqlw_q(e, dflt);
            tide_sqlw_stmt(e);
        }
        break;
    case TIDE_OP_RENAME_OBJECT:
        tide_sqlw_put(e, "alter index ");
        tide_sqlw_qname(e, op->old_object->schema, op->old_object->name);
        tide_sqlw_put(e, " rename to ");
        tide_sqlw_q(e, op->object->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        index_comment(e, o, o->comment);
        break;
    default:
        break;
    }
    tide_buf_free(&part);
}

int pg_emit__partition(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (o->kind == TIDE_OBJ_ATTACHED_INDEX) {
        attached_index(e, op);
        return 1;
    }
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
