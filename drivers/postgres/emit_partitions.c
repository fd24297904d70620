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
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Where a partition's key starts in its definition (a partition that is
 * partitioned in turn: "for values in ('eu') partition by list (city)"):
 * at the first PARTITION BY outside quotes and parentheses, else the end. */
static const char *key_start(const char *def)
{
    const char *p;
    int depth = 0;
    char quote = 0;
    for (p = def; *p; p++) {
        if (quote) {
            quote = *p == quote ? 0 : quote;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '(' || *p == ')') {
            depth += *p == '(' ? 1 : -1;
        } else if (!depth && (p == def || isspace((unsigned char)p[-1])) && !strncasecmp(p, "partition", 9) &&
                   isspace((unsigned char)p[9])) {
            const char *q = p + 9;
            while (isspace((unsigned char)*q))
                q++;
            if (!strncasecmp(q, "by", 2) && (isspace((unsigned char)q[2]) || q[2] == '\0')) {
                while (p > def && isspace((unsigned char)p[-1]))
                    p--;
                return p;
            }
        }
    }
    return p;
}

static void attach(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
    tide_sqlw_put(e, " attach partition ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " ");
    tide_sqlw_putn(e, o->definition, (size_t)(key_start(o->definition) - o->definition));
    tide_sqlw_stmt(e);
}

/* Whether two partitions' keys (what follows PARTITION BY, or none) are
 * the same, spaces and case aside. */
static int same_key(const char *a, const char *b)
{
    a = key_start(a);
    b = key_start(b);
    for (;;) {
        while (isspace((unsigned char)*a))
            a++;
        while (isspace((unsigned char)*b))
            b++;
        if (!*a || !*b || tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return !*a && !*b;
        a++;
        b++;
    }
}

/* A partition detached, with nothing left of what it had from its table
 * (the copies of its indexes, keys, checks and foreign keys; not NOT NULL
 * nor defaults): the plan then gives the table its own, as for a new one. */
static void detach(tide_sqlw *e, const tide_object *o)
{
    tide_buf q = TIDE_BUF_INIT;
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
    tide_sqlw_put(e, " detach partition ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_stmt(e);
    pg_emit__rel_name(e, o->schema, o->name, &q);
    tide_sqlw_put(e, "do $tide$ declare r record; begin for r in select conname from pg_catalog.pg_constraint "
                     "where conrelid = ");
    tide_sqlw_literal(e, q.data ? q.data : "");
    tide_sqlw_put(e, "::regclass and contype in ('f', 'c', 'p', 'u', 'x') order by contype = 'f' desc loop "
                     "execute format('alter table %s drop constraint %I', ");
    tide_sqlw_literal(e, q.data ? q.data : "");
    tide_sqlw_put(e, "::regclass, r.conname); end loop; for r in select indexrelid::regclass::text as i from "
                     "pg_catalog.pg_index where indrelid = ");
    tide_sqlw_literal(e, q.data ? q.data : "");
    tide_sqlw_put(e, "::regclass loop execute 'drop index ' || r.i; end loop; end $tide$");
    tide_sqlw_stmt(e);
    tide_buf_free(&q);
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
typedef struct key_names {
    char (*names)[64];
    int n;
} key_names;

static void key_element(void *ud, const char *p, size_t n)
{
    key_names *k = ud;
    if (k->n < 32)
        key_name(p, n, k->names[k->n++]);
}

static int index_key_names(const tide_index *ix, char names[32][64])
{
    key_names k = { names, 0 };
    int n, i;
    if (ix->expression)
        tide_sql_index_elements(ix->expression, key_element, &k);
    n = k.n;
    for (i = 0; i < ix->ncolumns && n < 32; i++)
        key_name(ix->columns[i], strlen(ix->columns[i]), names[n++]);
    for (i = 0; i < ix->ninclude && n < 32; i++)
        snprintf(names[n++], 64, "%s", ix->include[i]);
    return n;
}

/* An index of a table or partition as its partitions' copies are named
 * from it: its name there, the label and its columns' names. */
typedef struct shape {
    char name[64];
    const char *label;
    char names[32][64];
    int n;
} shape;

/* The indexes and keys that rel (a table, or a partition at any depth:
 * the copies of its parent's, each under its attached index's name or
 * PostgreSQL's) has from the root of its tree, into a new array *out; the
 * count, -1 when rel is not in s (or out of memory). */
static int shapes_of(const tide_schema *s, const char *schema, const char *rel, shape **out, int depth)
{
    const tide_table *t = tide_schema_find_table(s, schema, rel);
    const tide_object *p;
    shape *v;
    int n = 0, i, j;
    *out = NULL;
    if (t) {
        if (!(v = calloc((size_t)(1 + t->nuniques + t->nindexes), sizeof *v)))
            return -1;
        if (t->npk && t->pk_name) {
            snprintf(v[n].name, 64, "%s", t->pk_name);
            v[n++].label = "pkey";
        }
        for (i = 0; i < t->nuniques; i++, n++) {
            snprintf(v[n].name, 64, "%s", t->uniques[i].name);
            v[n].label = "key";
            for (j = 0; j < t->uniques[i].ncolumns && j < 32; j++)
                snprintf(v[n].names[v[n].n++], 64, "%s", t->uniques[i].columns[j]);
            for (j = 0; j < t->uniques[i].ninclude && v[n].n < 32; j++)   /* INCLUDE ones follow */
                snprintf(v[n].names[v[n].n++], 64, "%s", t->uniques[i].include[j]);
        }
        for (i = 0; i < t->nindexes; i++, n++) {
            snprintf(v[n].name, 64, "%s", t->indexes[i].name);
            v[n].label = "idx";
            v[n].n = index_key_names(&t->indexes[i], v[n].names);
        }
        *out = v;
        return n;
    }
    if (depth > 32 || !(p = tide_schema_find_partition(s, schema, rel)) || (n = shapes_of(s, tide_object_table_schema(p), p->table, &v, depth + 1)) < 0)
        return -1;
    for (i = 0; i < n; i++) {                /* each copy's name on rel */
        const char *cols[32], *own = NULL;
        for (j = 0; j < s->nobjects && !own; j++) {
            const tide_object *a = &s->objects[j];
            if (a->kind == TIDE_OBJ_ATTACHED_INDEX && tide_model_same_name(0, a->schema, schema) &&
                tide_model_same_name(s->nocase, a->table, rel) && !strcmp(a->definition, v[i].name))
                own = a->name;
        }
        for (j = 0; j < v[i].n; j++)
            cols[j] = v[i].names[j];
        if (own)
            snprintf(v[i].name, 64, "%s", own);
        else
            pg_index_default_name(rel, cols, v[i].n, v[i].label, v[i].name);
    }
    *out = v;
    return n;
}

/* The name PostgreSQL gives the copy on partition o->table of the index
 * or key o->definition of what it is a partition of, in the schema the
 * plan goes from; "" when that is not there to read. */
static void copy_default_name(const tide_sqlw *e, const tide_object *o, char out[64])
{
    const tide_schema *s = e->plan->from;
    const tide_object *p = tide_schema_find_partition(s, o->schema, o->table);
    shape *v = NULL;
    int n = p ? shapes_of(s, tide_object_table_schema(p), p->table, &v, 0) : -1, i;
    out[0] = '\0';
    for (i = 0; i < n; i++)
        if (!strcmp(v[i].name, o->definition)) {
            const char *cols[32];
            int j;
            for (j = 0; j < v[i].n; j++)
                cols[j] = v[i].names[j];
            pg_index_default_name(o->table, cols, v[i].n, v[i].label, out);
            break;
        }
    free(v);
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
 * PostgreSQL gives it. The copy's parent index is the one on the partition's
 * table, whatever namespaces the two live in. */
static void attached_index(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    tide_buf part = TIDE_BUF_INIT;
    char dflt[64];
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
    case TIDE_OP_ALTER_OBJECT:
        pg_emit__rel_name(e, o->schema, o->table, &part);
        tide_sqlw_put(e, "do $tide$ declare q text; n name; begin select c.oid::regclass::text, c.relname into q, n "
                         "from pg_catalog.pg_index x join pg_catalog.pg_class c on c.oid = x.indexrelid "
                         "join pg_catalog.pg_inherits h on h.inhrelid = c.oid "
                         "join pg_catalog.pg_class p on p.oid = h.inhparent "
                         "join pg_catalog.pg_index px on px.indexrelid = p.oid "
                         "join pg_catalog.pg_inherits t on t.inhrelid = x.indrelid and t.inhparent = px.indrelid "
                         "where x.indrelid = ");
        tide_sqlw_literal(e, part.data ? part.data : "");
        tide_sqlw_put(e, "::regclass and p.relname = ");
        tide_sqlw_literal(e, o->definition);
        tide_sqlw_put(e, "; if n is null then raise exception 'partition % has no copy of index %', ");
        tide_sqlw_literal(e, part.data ? part.data : "");
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

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* alter table rel replica identity full|nothing|default: a partition's
 * own (what (NULL: default) differs from was). */
static void replica_identity(tide_sqlw *e, const char *schema, const char *rel, const char *what,
                             const char *was)
{
    if (same_text(what, was))
        return;
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, schema, rel);
    tide_sqlw_put(e, " replica identity ");
    tide_sqlw_put(e, what ? what : "default");
    tide_sqlw_stmt(e);
}

/* ---- a partition's own column defaults ----------------------------------------
 * columnDefaults of a partition: where its default differs from its table's
 * ("NULL": none, as a partition made LIKE its table and attached has).
 * PostgreSQL gives a partitioned table's SET/DROP DEFAULT to every partition
 * under it, so those are given again after one. */

/* The default partition o's pairs give column col, or NULL. */
static const char *own_default(const tide_object *o, const char *col)
{
    int i;
    for (i = 0; i + 1 < o->ncolumn_defaults; i += 2)
        if (!strcmp(o->column_defaults[i], col))
            return o->column_defaults[i + 1];
    return NULL;
}

/* The partition of s named schema.name (NULL: the default namespace). */
static const tide_object *partition_named(const tide_schema *s, const char *schema, const char *name)
{
    int i;
    for (i = 0; i < s->nobjects; i++)
        if (s->objects[i].kind == TIDE_OBJ_PARTITION && !strcmp(s->objects[i].name, name) &&
            same_text(s->objects[i].schema, schema))
            return &s->objects[i];
    return NULL;
}

/* The default column col of partition o takes from its table in s (its
 * partition's, for a partition of a partition): 1 and *expr (NULL: none),
 * or 0 when tide leaves it alone (the column is gone, or serial, identity
 * or generated: PostgreSQL's own). */
static int table_default(const tide_schema *s, const tide_object *o, const char *col, const char **expr,
                         int depth)
{
    const char *ts = tide_object_table_schema(o);
    const tide_table *t = tide_schema_find_table(s, ts, o->table);
    const tide_object *up;
    if (t) {
        const tide_column *c = tide_table_find_column(t, col);
        if (!c || c->autoincrement || c->identity || c->generated)
            return 0;
        *expr = c->default_server ? c->default_server : c->default_expr;
        return 1;
    }
    up = partition_named(s, ts, o->table);
    if (!up || depth > 32)
        return 0;
    if ((*expr = own_default(up, col)) != NULL)
        return 1;
    return table_default(s, up, col, expr, depth + 1);
}

/* alter table o alter column col set default expr | drop default (expr
 * NULL or "null": SET DEFAULT NULL on a column with a type modifier, a
 * timestamp(3), would keep NULL::timestamp as a default) */
static void set_default(tide_sqlw *e, const tide_object *o, const char *col, const char *expr)
{
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " alter column ");
    tide_sqlw_q(e, col);
    if (expr && strcmp(expr, "null")) {
        tide_sqlw_put(e, " set default ");
        tide_sqlw_term(e, expr);
    } else {
        tide_sqlw_put(e, " drop default");
    }
    tide_sqlw_stmt(e);
}

/* Partition o's own defaults: those that differ from old's (NULL: o is
 * new and took its table's), and for those old had and o has not, its
 * table's again. */
static void own_defaults(tide_sqlw *e, const tide_object *o, const tide_object *old)
{
    int i;
    for (i = 0; i + 1 < o->ncolumn_defaults; i += 2) {
        const char *was = old ? own_default(old, o->column_defaults[i]) : NULL;
        if (!was || strcmp(was, o->column_defaults[i + 1]))
            set_default(e, o, o->column_defaults[i], o->column_defaults[i + 1]);
    }
    for (i = 0; old && i + 1 < old->ncolumn_defaults; i += 2) {
        const char *expr = NULL;
        if (!own_default(o, old->column_defaults[i]) &&
            table_default(e->plan->to, o, old->column_defaults[i], &expr, 0))
            set_default(e, o, old->column_defaults[i], expr);
    }
}

void pg_emit__partition_defaults_again(tide_sqlw *e, const char *schema, const char *table, const char *col,
                                       int depth)
{
    const tide_schema *to = e->plan->to;
    int i;
    for (i = 0; i < to->nobjects && depth <= 32; i++) {
        const tide_object *p = &to->objects[i], *was;
        const char *own, *had;
        if (p->kind != TIDE_OBJ_PARTITION || strcmp(p->table, table) ||
            !same_text(tide_object_table_schema(p), schema && strcmp(schema, "public") ? schema : NULL) ||
            !(was = partition_named(e->plan->from, p->schema, p->name)))
            continue;                   /* not under it, or made by this plan with its own */
        if ((own = own_default(p, col)) != NULL && (had = own_default(was, col)) != NULL && !strcmp(had, own))
            set_default(e, p, col, own);    /* (a changed one: the partition's own change gives it) */
        pg_emit__partition_defaults_again(e, p->schema, p->name, col, depth + 1);
    }
}

/* alter table rel enable|disable row level security, force|no force row
 * level security: a partition's own (rls, force), where they differ from
 * what it had (was_rls, was_force). */
static void row_security(tide_sqlw *e, const char *schema, const char *rel, int rls, int force, int was_rls,
                         int was_force)
{
    if (!rls != !was_rls) {
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, schema, rel);
        tide_sqlw_put(e, rls ? " enable row level security" : " disable row level security");
        tide_sqlw_stmt(e);
    }
    if (!force != !was_force) {
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, schema, rel);
        tide_sqlw_put(e, force ? " force row level security" : " no force row level security");
        tide_sqlw_stmt(e);
    }
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
        if (op->old_table) {                   /* a table of its own until now */
            if (*key_start(o->definition)) {
                tide_sqlw_fail(e, "table %s: it becomes a partition of %s partitioned in turn, which PostgreSQL "
                               "cannot make of a table: write the migration yourself (tide migration:create "
                               "--blank)", o->name, o->table);
                break;
            }
            attach(e, o);
            replica_identity(e, o->schema, o->name, o->replica_identity, op->old_table->replica_identity);
            row_security(e, o->schema, o->name, o->row_security, o->force_row_security,
                         (op->old_table->options & TIDE_TABLE_ROW_SECURITY) != 0,
                         (op->old_table->options & TIDE_TABLE_FORCE_ROW_SECURITY) != 0);
            break;
        }
        tide_sqlw_put(e, "create table ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " partition of ");
        tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        if (o->with) {
            tide_sqlw_put(e, " with (");
            tide_sqlw_put(e, o->with);
            tide_sqlw_put(e, ")");
        }
        tide_sqlw_stmt(e);
        replica_identity(e, o->schema, o->name, o->replica_identity, NULL);
        row_security(e, o->schema, o->name, o->row_security, o->force_row_security, 0, 0);
        own_defaults(e, o, NULL);
        if (o->comment)
            comment(e, o);
        break;
    case TIDE_OP_DROP_OBJECT:
        if (op->table) {                       /* a table of its own from now on */
            detach(e, o);
            replica_identity(e, o->schema, o->name, op->table->replica_identity, o->replica_identity);
            row_security(e, o->schema, o->name, (op->table->options & TIDE_TABLE_ROW_SECURITY) != 0,
                         (op->table->options & TIDE_TABLE_FORCE_ROW_SECURITY) != 0, o->row_security,
                         o->force_row_security);
            break;
        }
        tide_sqlw_put(e, "drop table ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_OBJECT:                /* set in another namespace, renamed */
        if (!same_text(op->old_object->schema, op->object->schema)) {
            tide_sqlw_put(e, "alter table ");
            tide_sqlw_qname(e, op->old_object->schema, op->old_object->name);
            tide_sqlw_put(e, " set schema ");
            tide_sqlw_q(e, op->object->schema ? op->object->schema : "public");
            tide_sqlw_stmt(e);
        }
        if (strcmp(op->old_object->name, op->object->name)) {
            tide_sqlw_put(e, "alter table ");
            tide_sqlw_qname(e, op->object->schema, op->old_object->name);
            tide_sqlw_put(e, " rename to ");
            tide_sqlw_q(e, op->object->name);
            tide_sqlw_stmt(e);
        }
        break;
    case TIDE_OP_ALTER_OBJECT:                 /* a new bound: detach, attach (after a move: where it is now) */
        if (!strcmp(op->old_object->canonical ? op->old_object->canonical : "",
                    op->object->canonical ? op->object->canonical : "")) {
            if (!same_text(op->old_object->with, op->object->with))      /* its storage parameters */
                pg_emit__options(e, "table", op->old_object, op->object);
            replica_identity(e, o->schema, o->name, o->replica_identity, op->old_object->replica_identity);
            row_security(e, o->schema, o->name, o->row_security, o->force_row_security,
                         op->old_object->row_security, op->old_object->force_row_security);
            own_defaults(e, o, op->old_object);
            break;
        }
        if (!same_key(op->old_object->definition, op->object->definition)) {
            tide_sqlw_fail(e, "partition %s: its partitioning changes (%s -> %s), which PostgreSQL cannot do in "
                           "place: write the migration yourself (tide migration:create --blank)", o->name,
                           op->old_object->definition, op->object->definition);
            break;
        }
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, tide_object_table_schema(op->old_object), op->old_object->table);
        tide_sqlw_put(e, " detach partition ");
        tide_sqlw_qname(e, op->object->schema, op->old_object->name);
        tide_sqlw_stmt(e);
        attach(e, op->object);
        if ((op->old_object->with == NULL) != (op->object->with == NULL) ||
            (op->object->with && strcmp(op->old_object->with, op->object->with)))
            pg_emit__options(e, "table", op->old_object, op->object);
        replica_identity(e, o->schema, o->name, o->replica_identity, op->old_object->replica_identity);
        row_security(e, o->schema, o->name, o->row_security, o->force_row_security,
                     op->old_object->row_security, op->old_object->force_row_security);
        own_defaults(e, o, op->old_object);
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        comment(e, op->object);
        break;
    default:
        break;
    }
    return 1;
}
