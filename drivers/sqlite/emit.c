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
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct emitter {
    tide_sqlw w;                      /* first: an emitter is a writer */
    const tide_table **rebuild;       /* tables (of plan->to) to rebuild, in plan order */
    const tide_table **rebuild_set;   /* the same, sorted by address: membership in log time */
    int nrebuild;
    int rebuilt;                      /* the rebuilds were emitted */
    const tide_column **added;        /* the columns of the plan's ADD_COLUMN ops, sorted by address */
    int nadded;
} emitter;

#define W(e) (&(e)->w)







/* One literal value: a number, a string, null, true, false, current_*. */
static int literal_default(const char *d)
{
    static const char *const words[] = { "null", "true", "false", "current_time", "current_date",
                                         "current_timestamp", NULL };
    const char *p = d;
    int i;
    for (i = 0; words[i]; i++)
        if (!strcmp(d, words[i]))
            return 1;
    if (*p == '\'') {                   /* one string: its closing quote ends d */
        for (p++; *p; p++) {
            if (*p != '\'')
                continue;
            if (p[1] == '\'') {               /* '' is a quote inside the string */
                p++;
                continue;
            }
            return p[1] == '\0';
        }
        return 0;
    }
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p) && *p != '.')
        return 0;
    return strspn(p, "0123456789.eE+-") == strlen(p);
}

/* Whether name can stand bare in a declared type: a lowercase identifier
 * that is not an SQLite keyword. */
static int plain_word(const char *name)
{
    size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
    return n > 0 && !name[n] && !isdigit((unsigned char)name[0]) &&
           !sqlite3_keyword_check(name, (int)n);
}

static const tide_enum *enum_of(const emitter *e, const tide_column *c)
{
    return c->is_enum ? tide_schema_find_enum(e->w.plan->to, NULL, c->type) : NULL;
}

/* A serial column is SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, declared
 * inline: only for a table whose whole primary key is that column. */
static int inline_serial(const tide_table *t, const tide_column *c)
{
    return c->autoincrement && t->npk == 1 && tide_model_same_name(1, t->pk[0], c->name);
}

/* The table's rowid: a key of one column declared INTEGER (serial or not;
 * "INT" is not the rowid) is declared inline as SQLite's documentation
 * writes it, "id integer primary key [autoincrement]", with no NOT NULL (the
 * rowid is never NULL), so that a table tide creates reads back in PRAGMA
 * table_info as one written by hand. */
static int rowid_key(const tide_table *t, const tide_column *c)
{
    return !t->npk_desc && (inline_serial(t, c) ||
           (t->npk == 1 && !c->is_enum && tide_model_same_name(1, t->pk[0], c->name) && sqlite_rowid_type(c)));
}

/* An INTEGER key of one column sorted DESC: SQLite does not make "id
 * INTEGER PRIMARY KEY DESC" the rowid (a documented quirk), but it does
 * make the table's "PRIMARY KEY (id DESC)" the rowid, so this key is
 * declared on its column, as written, and is no rowid: nothing above applies
 * to it. */
static int desc_integer_key(const tide_table *t, const tide_column *c)
{
    return t->npk == 1 && t->npk_desc && !c->is_enum && tide_model_same_name(1, t->pk[0], c->name) &&
           sqlite_rowid_type(c);
}

/* (a, b desc): the key's columns, each with its order. */
static void key_columns(emitter *e, const tide_table *t)
{
    int i;
    tide_sqlw_put(W(e), "(");
    for (i = 0; i < t->npk; i++) {
        tide_sqlw_put(W(e), i ? ", " : "");
        tide_sqlw_q(W(e), t->pk[i]);
        tide_sqlw_put(W(e), tide_table_pk_desc(t, t->pk[i]) ? " desc" : "");
    }
    tide_sqlw_put(W(e), ")");
}

/* " on conflict replace": the resolution of a NOT NULL, a UNIQUE or a
 * PRIMARY KEY, when it has one. */
static void on_conflict(emitter *e, const char *word)
{
    if (!word)
        return;
    tide_sqlw_put(W(e), " on conflict ");
    tide_sqlw_put(W(e), word);
}

/* " constraint NAME primary key [on conflict X] [autoincrement]": the name
 * only when the definitions chose one (introspection gives an unnamed key
 * the generated name, and a table rename then keeps it generated). */
static void inline_key(emitter *e, const tide_table *t, const tide_column *c)
{
    tide_buf generated = TIDE_BUF_INIT;
    if (tide_model_generated_name(t->name, NULL, 0, "pkey", &generated) < 0)
        tide_sqlw_fail(W(e), "out of memory");
    else if (!tide_model_same_name(1, generated.data, t->pk_name)) {
        tide_sqlw_put(W(e), " constraint ");
        tide_sqlw_q(W(e), t->pk_name);
    }
    tide_buf_free(&generated);
    tide_sqlw_put(W(e), t->npk_desc ? " primary key desc" : " primary key");
    on_conflict(e, t->pk_conflict);
    tide_sqlw_put(W(e), c->autoincrement ? " autoincrement" : "");
}

/* Whether text, as written, is still what the column's canonical field
 * holds (a helper that changes a column's type or default leaves it behind). */
static int still(const char *text, const char *canonical, int (*canon)(const char *, tide_buf *))
{
    tide_buf b = TIDE_BUF_INIT;
    int same = canon(text, &b) == 0 && !strcmp(b.data ? b.data : "", canonical);
    tide_buf_free(&b);
    return same;
}

/* text if it is still what the canonical field holds, else canonical. Text
 * equal to the canonical form is the same bytes either way: no need to
 * canonicalize it (most columns; it was a tenth of a large create's time). */
static const char *as_written(const char *text, const char *canonical,
                              int (*canon)(const char *, tide_buf *))
{
    return !strcmp(text, canonical) || still(text, canonical, canon) ? text : canonical;
}

/* The type as the table declares it: the declared text kept (SQLite
 * reports it in PRAGMA table_info), else the canonical type. */
static const char *declared_type(const tide_table *t, const tide_column *c)
{
    if (inline_serial(t, c))
        return "integer";
    return c->declared && !c->is_enum ? as_written(c->declared, c->type, tide_model_canonical_type) : c->type;
}

/* Whether text is default "isbn" (double quotes, SQLite's old spelling of
 * a string) standing for the string expr holds ('isbn'). */
static int quoted_string_default(const char *text, const char *expr)
{
    tide_buf lit = TIDE_BUF_INIT;
    int same = text && expr && *text == '"' && sqlite_string_default(text, &lit) > 0 &&
               !strcmp(lit.data, expr);
    tide_buf_free(&lit);
    return same;
}

/* The default as written, else its canonical form. A double-quoted string
 * stays so (written bare: SQLite refuses it in parentheses), as SQLite
 * keeps and reports it. */
static const char *default_sql(const tide_column *c)
{
    if (quoted_string_default(c->default_text, c->default_expr))
        return c->default_text;
    return c->default_text ? as_written(c->default_text, c->default_expr, tide_model_canonical_expr)
                           : c->default_expr;
}


static void column_def(emitter *e, const tide_table *t, const tide_column *c)
{
    tide_sqlw_q(W(e), c->name);
    if (*declared_type(t, c) || c->is_enum)          /* "": a column with no type */
        tide_sqlw_put(W(e), " ");
    if (strstr(c->type, "[]")) {
        tide_sqlw_fail(W(e), "column %s.%s: array types need PostgreSQL", t->name, c->name);
        return;
    }
    if (c->autoincrement && t->npk_desc) {
        tide_sqlw_fail(W(e), "column %s.%s: AUTOINCREMENT needs the rowid, and a key sorted DESC is not "
                       "the rowid on SQLite; remove desc or the autoincrement", t->name, c->name);
        return;
    }
    if (c->autoincrement && !inline_serial(t, c)) {
        tide_sqlw_fail(W(e), "column %s.%s: serial needs to be the whole primary key on SQLite", t->name, c->name);
        return;
    }
    if (c->is_enum && !plain_word(c->type))
        tide_sqlw_q(W(e), c->type);                   /* "mo""od" text: read back the same */
    else
        tide_sqlw_put(W(e), declared_type(t, c));
    if (c->is_enum)
        tide_sqlw_put(W(e), " text");                 /* "status" user_status text: text affinity, named type */
    if (!c->nullable && (!rowid_key(t, c) || c->not_null_conflict || c->not_null_said > 0))
        tide_sqlw_put(W(e), " not null");
    on_conflict(e, c->not_null_conflict);
    if (rowid_key(t, c) || desc_integer_key(t, c))
        inline_key(e, t, c);
    if (c->collation) {
        tide_sqlw_put(W(e), " collate ");
        tide_sqlw_q(W(e), c->collation);
    }
    if (c->generated) {                  /* recomputed, never copied nor defaulted */
        tide_sqlw_put(W(e), " generated always as (");
        tide_sqlw_put(W(e), c->generated);
        tide_sqlw_put(W(e), c->generated_stored ? ") stored" : ") virtual");
        return;
    }
    if (c->default_expr) {               /* SQLite: a literal, or an expression in parentheses */
        int paren = !literal_default(c->default_expr);
        tide_sqlw_put(W(e), paren ? " default (" : " default ");
        tide_sqlw_put(W(e), default_sql(c));
        tide_sqlw_put(W(e), paren ? ")" : "");
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
        serial |= rowid_key(t, &t->columns[i]) || desc_integer_key(t, &t->columns[i]);
    }
    if (t->npk && !serial) {
        tide_sqlw_put(W(e), ",\n  constraint ");
        tide_sqlw_q(W(e), t->pk_name);
        tide_sqlw_put(W(e), " primary key ");
        key_columns(e, t);
        on_conflict(e, t->pk_conflict);
    }
    for (i = 0; i < t->nuniques; i++) {  /* in the order declared: SQLite numbers their indexes by it */
        const tide_unique *u = tide_table_declared_unique(t, i);
        tide_sqlw_put(W(e), ",\n  constraint ");
        tide_sqlw_q(W(e), u->name);
        tide_sqlw_put(W(e), " unique ");
        tide_sqlw_columns(W(e), u->columns, u->ncolumns);
        on_conflict(e, u->on_conflict);
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
    for (i = 0; i < t->nfks; i++) {     /* in the order declared: SQLite numbers them by it */
        tide_fk fk = *tide_table_declared_fk(t, i);
        if (fk.ref_key)
            fk.nref_columns = 0;        /* REFERENCES parent, as declared: the parent's key */
        tide_sqlw_put(W(e), ",\n  ");
        tide_sqlw_fk(W(e), &fk, 0);
    }
    tide_sqlw_put(W(e), "\n)");
    if (t->options & TIDE_TABLE_WITHOUT_ROWID)
        tide_sqlw_put(W(e), " without rowid");
    if (t->options & TIDE_TABLE_STRICT)
        tide_sqlw_put(W(e), (t->options & TIDE_TABLE_WITHOUT_ROWID) ? ", strict" : " strict");
    if (t->options & TIDE_TABLE_UNLOGGED)
        tide_sqlw_fail(W(e), "table %s: UNLOGGED tables are PostgreSQL's; SQLite has none", t->name);
    tide_sqlw_stmt(W(e));
}

/* An identifier bare when SQLite reads it back as the same name (letters,
 * digits and _, not a keyword), else quoted: CREATE INDEX is kept as written
 * in sqlite_master, and an index tide writes reads like one written by hand. */
static void ident(emitter *e, const char *name, size_t n)
{
    tide_buf b = TIDE_BUF_INIT;
    size_t k = strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    if (tide_buf_add(&b, name, n) < 0) {
        tide_sqlw_fail(W(e), "out of memory");
    } else if (k >= n && n > 0 && !isdigit((unsigned char)name[0]) && !sqlite3_keyword_check(name, (int)n)) {
        tide_sqlw_put(W(e), b.data);
    } else {
        tide_sqlw_q(W(e), b.data);
    }
    tide_buf_free(&b);
}

/* (a, b desc), or (expression) as written: SQLite takes any expression as an
 * index term, with its COLLATE and ASC/DESC. */
static void index_body(emitter *e, const tide_index *ix)
{
    int i;
    tide_sqlw_put(W(e), "(");
    if (ix->expression) {
        tide_sqlw_put(W(e), ix->expression);
    } else {
        for (i = 0; i < ix->ncolumns; i++) {
            size_t n = tide_model_index_col_len(ix->columns[i]);
            tide_sqlw_put(W(e), i ? ", " : "");
            ident(e, ix->columns[i], n);
            tide_sqlw_put(W(e), ix->columns[i] + n);
        }
    }
    tide_sqlw_put(W(e), ")");
    if (ix->where) {
        tide_sqlw_put(W(e), " where ");
        tide_sqlw_put(W(e), ix->where);
    }
}

static void create_index(emitter *e, const tide_table *t, const tide_index *ix)
{
    int i;
    tide_sqlw_put(W(e), ix->unique ? "create unique index " : "create index ");
    tide_sqlw_q(W(e), ix->name);
    tide_sqlw_put(W(e), " on ");
    ident(e, t->name, strlen(t->name));
    tide_sqlw_put(W(e), " ");
    if (ix->method)
        tide_sqlw_fail(W(e), "index %s: index methods (using %s) need PostgreSQL", ix->name, ix->method);
    for (i = 0; i < ix->ncolumns; i++)
        if (strstr(ix->columns[i], " nulls "))
            tide_sqlw_fail(W(e), "index %s: NULLS FIRST/LAST in an index needs PostgreSQL "
                           "(SQLite sorts NULLs first ascending and last descending)", ix->name);
    index_body(e, ix);
    tide_sqlw_stmt(W(e));
}

/* ---- which tables need a rebuild ------------------------------------------ */

/* A default ALTER TABLE ADD COLUMN accepts: a literal, but not current_*. */
static int constant_default(const char *d)
{
    return !d || (literal_default(d) && strncmp(d, "current_", 8));
}

/* ALTER TABLE ADD COLUMN takes a VIRTUAL generated column that may be NULL,
 * never a STORED one (SQLite computes those only when it writes a row). */
static int addable(const tide_column *c)
{
    if (c->generated)
        return !c->generated_stored && c->nullable;
    return !c->autoincrement && constant_default(c->default_expr) && (c->nullable || c->default_expr);
}

static int column_is_new(const emitter *e, const tide_column *c);

/* Whether a rebuild copies the column: not a new one, and not a generated
 * one (SQLite computes it again in the new table). */
static int copied(const emitter *e, const tide_column *c)
{
    return !c->generated && !column_is_new(e, c);
}

/* ALTER TABLE ADD COLUMN appends: a column added before others needs a
 * rebuild to keep the column order of the definition. */
static int trailing(const emitter *e, const tide_op *op)
{
    int i, after = 0;
    for (i = 0; i < op->table->ncolumns; i++) {
        if (&op->table->columns[i] == op->column)
            after = 1;
        else if (after && !column_is_new(e, &op->table->columns[i]))
            return 0;
    }
    return 1;
}

/* Whether text names the identifier name as a word (ASCII case folded,
 * quoted or not): a string literal that holds it counts too, which only
 * costs a rebuild. */
static int mentions(const char *text, const char *name)
{
    size_t n = strlen(name);
    const char *p;
    if (!text || !n)
        return 0;
    for (p = text; *p; p++) {
        int before = p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '$' ||
                                    (unsigned char)p[-1] >= 0x80);
        unsigned char after;
        if (!before || sqlite3_strnicmp(p, name, (int)n))
            continue;
        after = (unsigned char)p[n];    /* p holds name whole: p[n] is within text */
        if (!(isalnum(after) || after == '_' || after == '$' || after >= 0x80))
            return 1;
    }
    return 0;
}

static int in_columns(char *const *cols, int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (tide_model_index_col_len(cols[i]) == strlen(name) &&
            !sqlite3_strnicmp(cols[i], name, (int)strlen(name)))
            return 1;
    return 0;
}

/* Whether the plan drops index ix of the table of op (a DROP_INDEX runs
 * before the columns change, so that it no longer holds the column). */
static int index_dropped(const emitter *e, const tide_op *op, const tide_index *ix)
{
    int i;
    for (i = 0; i < e->w.plan->n; i++) {
        const tide_op *d = &e->w.plan->ops[i];
        if (d->kind == TIDE_OP_DROP_INDEX && d->index &&
            (d->index == ix || (d->table == op->table && tide_model_same_name(1, d->index->name, ix->name))))
            return 1;
    }
    return 0;
}

/* Whether the plan drops object o (object drops run before anything else,
 * also those that create the object again). */
static int object_dropped(const emitter *e, const tide_object *o)
{
    int i;
    for (i = 0; i < e->w.plan->n; i++)
        if (e->w.plan->ops[i].kind == TIDE_OP_DROP_OBJECT && e->w.plan->ops[i].old_object == o)
            return 1;
    return 0;
}

/* ALTER TABLE DROP COLUMN, SQLite's rules (3.35+): the column is in no key,
 * unique constraint, index (its columns, expression or WHERE), foreign key
 * (the table's, or another's that references it), check, generated column's
 * expression, view or trigger; else the table is rebuilt. Read on the table
 * as it was (plan->from), less the indexes and objects the plan drops. */
static int droppable(const emitter *e, const tide_op *op)
{
    const tide_table *t = op->old_table;
    const tide_schema *from = e->w.plan->from;
    const char *name = op->old_column ? op->old_column->name : NULL;
    int i, j;
    if (!t || !name || op->old_column->is_enum || sqlite3_libversion_number() < 3035000)
        return 0;                        /* an enum is a check on the column */
    if (in_columns(t->pk, t->npk, name))
        return 0;
    for (i = 0; i < t->nuniques; i++)
        if (in_columns(t->uniques[i].columns, t->uniques[i].ncolumns, name))
            return 0;
    for (i = 0; i < t->nindexes; i++)
        if (!index_dropped(e, op, &t->indexes[i]) &&
            (in_columns(t->indexes[i].columns, t->indexes[i].ncolumns, name) ||
             mentions(t->indexes[i].expression, name) || mentions(t->indexes[i].where, name)))
            return 0;
    for (i = 0; i < t->nchecks; i++)
        if (mentions(t->checks[i].expr, name))
            return 0;
    for (i = 0; i < t->ncolumns; i++)
        if (mentions(t->columns[i].generated, name))
            return 0;
    for (i = 0; i < t->nfks; i++)
        if (in_columns(t->fks[i].columns, t->fks[i].ncolumns, name))
            return 0;
    for (i = 0; i < from->ntables; i++)
        for (j = 0; j < from->tables[i]->nfks; j++) {
            const tide_fk *fk = &from->tables[i]->fks[j];
            if (tide_model_same_name(1, fk->ref_table, t->name) &&
                in_columns(fk->ref_columns, fk->nref_columns, name))
                return 0;
        }
    for (i = 0; i < from->nobjects; i++)
        if ((from->objects[i].kind == TIDE_OBJ_VIEW || from->objects[i].kind == TIDE_OBJ_TRIGGER) &&
            !object_dropped(e, &from->objects[i]) && mentions(from->objects[i].definition, name))
            return 0;
    return 1;
}

static int needs_rebuild(const emitter *e, const tide_op *op)
{
    switch (op->kind) {
    case TIDE_OP_ALTER_COLUMN:
        return (op->changes & ~(unsigned)TIDE_CHANGE_COMMENT) != 0;
    case TIDE_OP_ADD_COLUMN:
        return !addable(op->column) || !trailing(e, op);
    case TIDE_OP_DROP_COLUMN:
        return !droppable(e, op);
    case TIDE_OP_RENAME_CONSTRAINT:      /* constraint names live in the table's SQL */
    case TIDE_OP_ADD_PRIMARY_KEY: case TIDE_OP_DROP_PRIMARY_KEY:
    case TIDE_OP_ADD_UNIQUE: case TIDE_OP_DROP_UNIQUE:
    case TIDE_OP_ADD_CHECK: case TIDE_OP_DROP_CHECK:
    case TIDE_OP_DROP_FK:
    case TIDE_OP_ALTER_TABLE_OPTIONS:    /* STRICT, WITHOUT ROWID: only CREATE TABLE says them */
        return 1;
    case TIDE_OP_ADD_FK:
        return !op->new_table;
    default:
        return 0;
    }
}

/* Where p is, or would go, in the n addresses of v sorted ascending. */
static int address_slot(const void *const *v, int n, const void *p)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if ((const char *)v[mid] < (const char *)p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int is_rebuilt(const emitter *e, const tide_table *t)
{
    int at = address_slot((const void *const *)e->rebuild_set, e->nrebuild, t);
    return at < e->nrebuild && e->rebuild_set[at] == t;
}

static void mark(emitter *e, const tide_table *t)
{
    const tide_table **grown, **set;
    int at;
    /* only tables that remain: a table being dropped takes its constraints along */
    if (!t || is_rebuilt(e, t) || e->w.rc || tide_schema_find_table(e->w.plan->to, t->schema, t->name) != t)
        return;
    grown = realloc(e->rebuild, sizeof *grown * (size_t)(e->nrebuild + 1));
    if (grown)
        e->rebuild = grown;
    set = grown ? realloc(e->rebuild_set, sizeof *set * (size_t)(e->nrebuild + 1)) : NULL;
    if (!set) {
        e->w.rc = TIDE_ENOMEM;
        return;
    }
    e->rebuild_set = set;
    at = address_slot((const void *const *)set, e->nrebuild, t);
    memmove(set + at + 1, set + at, sizeof *set * (size_t)(e->nrebuild - at));
    set[at] = t;
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
                tide_model_find_table(e->w.plan->from, e->w.plan->to->tables[i]->schema,
                                      e->w.plan->to->tables[i]->name, 1))
                mark(e, e->w.plan->to->tables[i]);
        }
}

static void find_rebuilds(emitter *e)
{
    int i;
    for (i = 0; i < e->w.plan->n; i++) {
        const tide_op *op = &e->w.plan->ops[i];
        if (op->kind == TIDE_OP_REPLACE_ENUM || op->kind == TIDE_OP_ADD_ENUM_VALUE ||
            op->kind == TIDE_OP_RENAME_ENUM_VALUE)
            mark_enum_users(e, op->enumt);
        else if (op->table && needs_rebuild(e, op))
            mark(e, op->table);
    }
}

/* ---- the rebuild ------------------------------------------------------------ */

/* Whether the plan adds c (a column of its table in plan->to: an
 * ADD_COLUMN op's column is the very column of that table). */
static int column_is_new(const emitter *e, const tide_column *c)
{
    int at = address_slot((const void *const *)e->added, e->nadded, c);
    return at < e->nadded && e->added[at] == c;
}

static int by_address(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    return (x > y) - (x < y);
}

static void find_added(emitter *e)
{
    int i;
    for (i = 0; i < e->w.plan->n; i++)
        e->nadded += e->w.plan->ops[i].kind == TIDE_OP_ADD_COLUMN;
    if (!e->nadded)
        return;
    if (!(e->added = malloc(sizeof *e->added * (size_t)e->nadded))) {
        e->w.rc = TIDE_ENOMEM;
        e->nadded = 0;
        return;
    }
    e->nadded = 0;
    for (i = 0; i < e->w.plan->n; i++)
        if (e->w.plan->ops[i].kind == TIDE_OP_ADD_COLUMN)
            e->added[e->nadded++] = e->w.plan->ops[i].column;
    qsort(e->added, (size_t)e->nadded, sizeof *e->added, by_address);
}

static int has_serial(const tide_table *t)
{
    int i;
    for (i = 0; i < t->ncolumns; i++)
        if (inline_serial(t, &t->columns[i]))
            return 1;
    return 0;
}

/* AUTOINCREMENT never reuses an id: the new table's counter starts where
 * the old one was (sqlite_sequence follows the rename). Its names are data,
 * compared byte for byte: the table may be spelled in another case there. */
static void keep_sequence(emitter *e, const char *old, const char *tmp)
{
    tide_sqlw_put(W(e), "insert into sqlite_sequence (name, seq) select ");
    tide_sqlw_literal(W(e), tmp);
    tide_sqlw_put(W(e), ", seq from sqlite_sequence where name = ");
    tide_sqlw_literal(W(e), old);
    tide_sqlw_put(W(e), " collate nocase and not exists (select 1 from sqlite_sequence where name = ");
    tide_sqlw_literal(W(e), tmp);
    tide_sqlw_put(W(e), " collate nocase)");
    tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "update sqlite_sequence set seq = max(seq, coalesce((select seq from sqlite_sequence where name = ");
    tide_sqlw_literal(W(e), old);
    tide_sqlw_put(W(e), " collate nocase), 0)) where name = ");
    tide_sqlw_literal(W(e), tmp);
    tide_sqlw_put(W(e), " collate nocase");
    tide_sqlw_stmt(W(e));
}

/* Renames ran before: the old table has the new names of kept columns. */
static void rebuild(emitter *e, const tide_table *t)
{
    char tmp[300];
    int i, first = 1;
    snprintf(tmp, sizeof tmp, "%s" SQLITE_REBUILD_SUFFIX, t->name);
    if (e->w.rc == 0)                    /* DROP TABLE takes its triggers along */
        e->w.rc = tide_sql_list_push_kind(e->w.out, TIDE_SQL_SAVE_TRIGGERS, t->name, e->w.err);
    create_table_as(e, t, tmp);
    tide_sqlw_put(W(e), "insert into ");
    tide_sqlw_q(W(e), tmp);
    tide_sqlw_put(W(e), " (");
    for (i = 0; i < t->ncolumns; i++)
        if (copied(e, &t->columns[i])) {
            tide_sqlw_put(W(e), first ? "" : ", ");
            tide_sqlw_q(W(e), t->columns[i].name);
            first = 0;
        }
    tide_sqlw_put(W(e), ") select ");
    for (first = 1, i = 0; i < t->ncolumns; i++)
        if (copied(e, &t->columns[i])) {
            const char *fill = tide_plan_fill(e->w.plan, t, t->columns[i].name);
            tide_sqlw_put(W(e), first ? "" : ", ");
            if (fill) {
                tide_sqlw_put(W(e), "(");
                tide_sqlw_put(W(e), fill);
                tide_sqlw_put(W(e), ")");
            } else {
                tide_sqlw_q(W(e), t->columns[i].name);
            }
            first = 0;
        }
    tide_sqlw_put(W(e), " from ");
    tide_sqlw_q(W(e), t->name);
    if (first)
        tide_buf_reset(&e->w.sql);          /* no column survives: nothing to copy */
    else
        tide_sqlw_stmt(W(e));
    if (has_serial(t))
        keep_sequence(e, t->name, tmp);
    /* views over the table are checked when the new one is renamed; they are
     * valid again once it has the old name, so they are not checked then */
    tide_sqlw_put(W(e), "PRAGMA legacy_alter_table = ON");
    tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "drop table ");
    tide_sqlw_q(W(e), t->name);
    tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "alter table ");
    tide_sqlw_q(W(e), tmp);
    tide_sqlw_put(W(e), " rename to ");
    tide_sqlw_q(W(e), t->name);
    tide_sqlw_stmt(W(e));
    tide_sqlw_put(W(e), "PRAGMA legacy_alter_table = OFF");
    tide_sqlw_stmt(W(e));
    for (i = 0; i < t->nindexes; i++)
        create_index(e, t, &t->indexes[i]);
    if (e->w.rc == 0)
        e->w.rc = tide_sql_list_push_kind(e->w.out, TIDE_SQL_RESTORE_TRIGGERS, t->name, e->w.err);
}

/* ---- views, triggers, virtual tables ---------------------------------------------- */

static void drop_object(emitter *e, const tide_object *o)
{
    tide_sqlw_put(W(e), o->kind == TIDE_OBJ_VIEW ? "drop view " : o->kind == TIDE_OBJ_TRIGGER ? "drop trigger "
                  : "drop table ");
    tide_sqlw_q(W(e), o->name);
    tide_sqlw_stmt(W(e));
}

static int whole_statement(const char *def)
{
    while (isspace((unsigned char)*def))
        def++;
    return !sqlite3_strnicmp(def, "create", 6);
}

/* A trigger is its statement as written, and so is a view given as one
 * (CREATE VIEW v (a, b) AS ...: one that names its columns); a view and a
 * virtual table are otherwise written from their name and definition. */
static void create_object(emitter *e, const tide_object *o)
{
    if (o->schema) {
        tide_sqlw_fail(W(e), "%s %s.%s: PostgreSQL schemas (namespaces) are not available on SQLite",
                       tide_object_kinds[o->kind].name, o->schema, o->name);
        return;
    }
    if (o->kind == TIDE_OBJ_TRIGGER || (o->kind == TIDE_OBJ_VIEW && whole_statement(o->definition))) {
        tide_sqlw_put(W(e), o->definition);
    } else {
        tide_sqlw_put(W(e), o->kind == TIDE_OBJ_VIEW ? "create view " : "create virtual table ");
        tide_sqlw_q(W(e), o->name);
        tide_sqlw_put(W(e), o->kind == TIDE_OBJ_VIEW ? " as " : " using ");
        tide_sqlw_put(W(e), o->definition);
    }
    tide_sqlw_stmt(W(e));
}

static void emit_object(emitter *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (o->kind != TIDE_OBJ_VIEW && o->kind != TIDE_OBJ_TRIGGER && o->kind != TIDE_OBJ_VIRTUAL_TABLE) {
        tide_sqlw_fail(W(e), "%s %s: SQLite has no %s (views, triggers and virtual tables it has)",
                       tide_object_kinds[o->kind].name, o->name, tide_object_kinds[o->kind].plural);
        return;
    }
    switch (op->kind) {
    case TIDE_OP_DROP_OBJECT:
        drop_object(e, op->old_object);
        break;
    case TIDE_OP_CREATE_OBJECT:
        create_object(e, op->object);
        break;
    case TIDE_OP_RENAME_OBJECT:          /* only a table, virtual ones too, can be renamed */
        if (o->kind == TIDE_OBJ_VIRTUAL_TABLE) {
            tide_sqlw_put(W(e), "alter table ");
            tide_sqlw_q(W(e), op->old_object->name);
            tide_sqlw_put(W(e), " rename to ");
            tide_sqlw_q(W(e), op->object->name);
            tide_sqlw_stmt(W(e));
        } else {
            drop_object(e, op->old_object);
            create_object(e, op->object);
        }
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        break;                           /* no comments */
    default:
        tide_sqlw_fail(W(e), "%s %s: SQLite cannot alter it in place", tide_object_kinds[o->kind].name, o->name);
        break;
    }
}

/* ---- the plan, in order ------------------------------------------------------ */

static void emit_op(emitter *e, const tide_op *op)
{
    const tide_table *t = op->table;
    if (!e->rebuilt && op->kind > TIDE_OP_RENAME_INDEX && op->kind != TIDE_OP_DROP_OBJECT &&
        op->kind != TIDE_OP_RENAME_OBJECT && op->kind != TIDE_OP_DROP_DEFAULT) {
        /* objects and early defaults are dropped before the renames */
        int i;
        e->rebuilt = 1;                  /* after every rename, before anything else */
        for (i = 0; i < e->nrebuild && e->w.rc == 0; i++)
            rebuild(e, e->rebuild[i]);
    }
    if (t && is_rebuilt(e, t) && op->kind != TIDE_OP_RENAME_TABLE && op->kind != TIDE_OP_RENAME_COLUMN)
        return;                          /* the rebuild gave it its whole new shape */
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE:
    case TIDE_OP_DROP_NAMESPACE:
        tide_sqlw_fail(W(e), "PostgreSQL schemas (namespaces) are not available on SQLite: schema %s", op->namespace_name);
        break;
    case TIDE_OP_DROP_DEFAULT:
        break;                           /* its table is rebuilt: the column takes its new shape */
    case TIDE_OP_CREATE_ENUM: case TIDE_OP_DROP_ENUM:
    case TIDE_OP_ADD_ENUM_VALUE: case TIDE_OP_REPLACE_ENUM: case TIDE_OP_RENAME_ENUM_VALUE:
    case TIDE_OP_ALTER_TABLE_COMMENT:
        break;                           /* enums are check constraints; no comments */
    case TIDE_OP_DROP_INDEX:
        tide_sqlw_put(W(e), "drop index ");
        tide_sqlw_q(W(e), op->index->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_RENAME_INDEX:           /* SQLite cannot rename an index */
        tide_sqlw_put(W(e), "drop index ");
        tide_sqlw_q(W(e), op->old_name);
        tide_sqlw_stmt(W(e));
        create_index(e, t, op->index);
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
    case TIDE_OP_DROP_COLUMN:            /* in place: droppable() said SQLite allows it */
        tide_sqlw_put(W(e), "alter table ");
        tide_sqlw_q(W(e), t->name);
        tide_sqlw_put(W(e), " drop column ");
        tide_sqlw_q(W(e), op->old_column->name);
        tide_sqlw_stmt(W(e));
        break;
    case TIDE_OP_CREATE_INDEX:
        create_index(e, t, op->index);
        break;
    case TIDE_OP_ADD_FK:
        break;                           /* new tables have theirs inline */
    case TIDE_OP_DROP_OBJECT: case TIDE_OP_CREATE_OBJECT: case TIDE_OP_RENAME_OBJECT:
    case TIDE_OP_ALTER_OBJECT: case TIDE_OP_ALTER_OBJECT_COMMENT:
        emit_object(e, op);
        break;
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
    find_added(&e);
    find_rebuilds(&e);
    for (i = 0; i < plan->n && e.w.rc == 0; i++)
        emit_op(&e, &plan->ops[i]);
    for (i = 0; !e.rebuilt && i < e.nrebuild && e.w.rc == 0; i++)
        rebuild(&e, e.rebuild[i]);
    free(e.rebuild);
    free(e.rebuild_set);
    free(e.added);
    return tide_sqlw_finish(&e.w);
}

/* ---- portable defaults (issue 16) ---------------------------------------
 * A default written the portable way (as PostgreSQL spells it) becomes
 * SQLite's spelling; a default SQLite cannot evaluate is refused when the
 * definitions are read, not at the first insert after the migration. */

/* A UUID version 4 in SQLite's functions. */
#define SQLITE_UUID_V4 "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || " \
    "substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || " \
    "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

static const struct { const char *portable, *sqlite; } portable_defaults[] = {
    { "now()", "current_timestamp" },
    { "transaction_timestamp()", "current_timestamp" },
    { "statement_timestamp()", "current_timestamp" },
    { "gen_random_uuid()", SQLITE_UUID_V4 },
    { "uuid_generate_v4()", SQLITE_UUID_V4 },
    { NULL, NULL }
};

/* 0 when SQLite can evaluate expr as a default (a constant expression of
 * functions it has), else why not in why. */
static int sqlite_evaluates(const char *expr, tide_buf *why)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    tide_buf sql = TIDE_BUF_INIT;
    int rc = 0;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK ||
        tide_buf_printf(&sql, "select (%s)", expr) < 0)
        rc = TIDE_ENOMEM;
    else if (sqlite3_prepare_v2(db, sql.data, -1, &st, NULL) != SQLITE_OK) {
        tide_buf_puts(why, sqlite3_errmsg(db));
        rc = 1;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    tide_buf_free(&sql);
    return rc;
}

static int portable_default(tide_schema *s, const tide_table *t, tide_column *c, tide_err *err)
{
    tide_buf why = TIDE_BUF_INIT;
    int i, rc;
    if (!c->default_expr)
        return 0;
    for (i = 0; portable_defaults[i].portable; i++)
        if (!strcmp(c->default_expr, portable_defaults[i].portable)) {
            if (!(c->default_expr = tide_schema_str(s, portable_defaults[i].sqlite)))
                return tide_err_set(err, TIDE_ENOMEM, "out of memory");
            c->default_text = NULL;           /* written as SQLite spells it */
            return 0;
        }
    if (!strchr(c->default_expr, '('))
        return 0;                             /* a literal or a keyword: SQLite reads those */
    if ((rc = sqlite_evaluates(c->default_expr, &why)) > 0)
        rc = tide_err_set(err, TIDE_ECONFIG, "%s%s%s.%s: SQLite cannot evaluate the default (%s): %s; "
                          "write one it can (current_timestamp, current_date, "
                          "lower(hex(randomblob(16)))) or a portable spelling tide maps "
                          "(now(), gen_random_uuid())", t->schema ? t->schema : "",
                          t->schema ? "." : "", t->name, c->name, c->default_expr,
                          why.data ? why.data : "refused");
    else if (rc < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    tide_buf_free(&why);
    return rc;
}

/* One column as SQLite will keep it: the type it declares, a double-quoted
 * default as the string it is. */
static int normalize_column(tide_schema *s, const tide_table *t, tide_column *c, tide_err *err)
{
    tide_buf lit = TIDE_BUF_INIT;
    int rc;
    if (c->is_enum)
        c->declared = NULL;                            /* "E text": the enum is compared */
    if (c->collation) {                                /* SQLite's collation names ignore case */
        char *p;
        if (!(c->collation = tide_schema_str(s, c->collation)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        for (p = c->collation; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        if (!strcmp(c->collation, "binary"))
            c->collation = NULL;                       /* the default: what introspection reads */
    }
    if (c->autoincrement && inline_serial(t, c)) {
        c->type = tide_schema_str(s, "integer");       /* INTEGER PRIMARY KEY AUTOINCREMENT */
        c->declared = c->type;
    }
    if (rowid_key(t, c) || ((t->options & (TIDE_TABLE_WITHOUT_ROWID | TIDE_TABLE_STRICT)) &&
                            in_columns(t->pk, t->npk, c->name)))
        c->nullable = 0;           /* the rowid is never NULL, nor a key of these tables */
    if (!rowid_key(t, c))
        c->not_null_said = 0;      /* NOT NULL is the default said: only the rowid's is kept */
    if ((rc = sqlite_check_declared(t, c, err)) < 0 || (rc = portable_default(s, t, c, err)) < 0)
        return rc;
    if ((rc = sqlite_string_default(c->default_expr, &lit)) > 0 &&
        !(c->default_expr = tide_schema_str(s, lit.data)))
        rc = TIDE_ENOMEM;
    if (rc >= 0 && quoted_string_default(c->default_text, c->default_expr))
        ;                                              /* "isbn" as written, never ("isbn") */
    else if (rc >= 0 && c->default_text &&
             (!c->default_expr || !still(c->default_text, c->default_expr, tide_model_canonical_expr)))
        c->default_text = NULL;                        /* its canonical form is safer */
    tide_buf_free(&lit);
    if (rc < 0 || !c->type)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* What only PostgreSQL has is refused by name rather than left out of the
 * SQL without a word (a definition written for both databases says which). */
static int postgres_only(const tide_table *t, tide_err *err)
{
    const char *what = NULL, *where = "";
    int j;
    if (t->partition_by)
        what = "PARTITION BY (:partitionBy)";
    else if (t->ninherits)
        what = "INHERITS (:inherits)";
    else if (t->pk_options)
        what = "a deferrable primary key";
    else if (t->cluster_on)
        what = "CLUSTER ON (:clusterOn)";
    else if (t->replica_identity)
        what = "REPLICA IDENTITY (:replicaIdentity)";
    else if (t->with)
        what = "storage parameters (:with)";
    else if (t->options & (TIDE_TABLE_ROW_SECURITY | TIDE_TABLE_FORCE_ROW_SECURITY))
        what = "ROW LEVEL SECURITY (:rowLevelSecurity)";
    if (!what && t->npk_include)
        what = "INCLUDE columns of a primary key (include =)", where = t->pk_name ? t->pk_name : "primary key";
    if (!what && t->pk_comment)
        what = "a comment on a constraint (comment =)", where = t->pk_name ? t->pk_name : "primary key";
    for (j = 0; !what && j < t->nuniques; j++)
        if (t->uniques[j].options)
            what = "a deferrable or NULLS NOT DISTINCT unique constraint", where = t->uniques[j].name;
        else if (t->uniques[j].comment)
            what = "a comment on a constraint (comment =)", where = t->uniques[j].name;
        else if (t->uniques[j].ninclude)
            what = "INCLUDE columns of a unique constraint (include =)", where = t->uniques[j].name;
    for (j = 0; !what && j < t->nfks; j++)
        if (t->fks[j].comment)
            what = "a comment on a constraint (comment =)", where = t->fks[j].name;
        else if (t->fks[j].options & TIDE_CON_MATCH_FULL)
            what = "MATCH FULL of a foreign key (matchFull = true)", where = t->fks[j].name;
        else if (t->fks[j].on_delete && strchr(t->fks[j].on_delete, '('))
            what = "ON DELETE SET NULL or SET DEFAULT of some columns (onDelete = \"set null (a)\")",
            where = t->fks[j].name;
    for (j = 0; !what && j < t->nchecks; j++)
        if (t->checks[j].comment)
            what = "a comment on a constraint (comment =)", where = t->checks[j].name;
    for (j = 0; !what && j < t->nindexes; j++)
        if (t->indexes[j].ninclude)
            what = "INCLUDE columns on an index", where = t->indexes[j].name;
        else if (t->indexes[j].with)
            what = "storage parameters of an index (with =)", where = t->indexes[j].name;
        else if (t->indexes[j].nulls_not_distinct)
            what = "a NULLS NOT DISTINCT unique index", where = t->indexes[j].name;
    for (j = 0; !what && j < t->ncolumns; j++) {
        const tide_column *c = &t->columns[j];
        where = c->name;
        if (c->identity)
            what = "an identity column (write :serial() for SQLite's INTEGER PRIMARY KEY)";
        else if (c->statistics || c->storage || c->compression)
            what = "SET STATISTICS / STORAGE / COMPRESSION of a column";
        else if (c->attoptions)
            what = "attribute options of a column (:attributeOptions, ALTER COLUMN ... SET (n_distinct = ...))";
        else if (c->sequence_comment)
            what = "a comment on a column's own sequence (:sequenceComment)";
    }
    if (!what)
        return 0;
    return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s: %s is PostgreSQL's; SQLite has no such thing "
                        "(remove it from definitions meant for SQLite)", t->name, where[0] ? ", " : "",
                        where, what);
}

/* The same for what is not a table's: comments on enum types and on
 * namespaces, a view's options and column defaults, a trigger's state. */
static int postgres_only_schema(const tide_schema *s, tide_err *err)
{
    int i;
    for (i = 0; i < s->nenums; i++)
        if (s->enums[i].comment)
            return tide_err_set(err, TIDE_ECONFIG, "enum %s: a comment on an enum type (:enum(name, values, "
                                "{ comment = })) is PostgreSQL's; SQLite has no such thing (remove it from "
                                "definitions meant for SQLite)", s->enums[i].name);
    if (s->nns_comments)
        return tide_err_set(err, TIDE_ECONFIG, "schema %s: a comment on a namespace (t.schema { comment = }) "
                            "is PostgreSQL's; SQLite has no such thing (remove it from definitions meant "
                            "for SQLite)", s->ns_comments[0].name);
    for (i = 0; i < s->nobjects; i++)
        if (s->objects[i].with)
            return tide_err_set(err, TIDE_ECONFIG, "%s %s: with = '%s' (a view's options) is "
                                "PostgreSQL's; SQLite has no such thing (remove it from definitions "
                                "meant for SQLite)", tide_object_kinds[s->objects[i].kind].name,
                                s->objects[i].name, s->objects[i].with);
        else if (s->objects[i].enabled)
            return tide_err_set(err, TIDE_ECONFIG, "%s %s: enabled = '%s' (a trigger that does not fire as by "
                                "default) is PostgreSQL's; SQLite's triggers always fire (remove it from "
                                "definitions meant for SQLite)", tide_object_kinds[s->objects[i].kind].name,
                                s->objects[i].name, s->objects[i].enabled);
        else if (s->objects[i].ncolumn_defaults)
            return tide_err_set(err, TIDE_ECONFIG, "%s %s: columnDefaults = (a view column's default) is "
                                "PostgreSQL's; SQLite has no such thing (its views take no INSERT; remove it "
                                "from definitions meant for SQLite)", tide_object_kinds[s->objects[i].kind].name,
                                s->objects[i].name);
    return 0;
}

int sqlite_normalize(tide_schema *s, tide_err *err)
{
    int i, j, rc;
    if ((rc = postgres_only_schema(s, err)) < 0)
        return rc;
    for (i = 0; i < s->ntables; i++) {
        tide_table *t = s->tables[i];
        if ((rc = postgres_only(t, err)) < 0)
            return rc;
        if (!t->ncolumns)                 /* PostgreSQL makes one (CREATE TABLE t ()) */
            return tide_err_set(err, TIDE_ECONFIG, "table %s: it has no columns; SQLite cannot make a table "
                                "without columns (add t.col \"name\" :type())", t->name);
        t->comment = NULL;
        for (j = 0; j < t->ncolumns; j++) {
            tide_column *c = &t->columns[j];
            c->comment = NULL;
            if ((rc = normalize_column(s, t, c, err)) < 0)
                return rc;
        }
    }
    s->declared_types = 1;               /* what the tables declare, PRAGMA table_info says */
    /* identifiers ignore case: finished again under that comparison */
    return tide_schema_set_nocase(s, 1, err);
}

/* The driver's convert: SQLite converts on assignment by the new column's
 * affinity and keeps what does not convert as it was, so a value of a
 * numeric column stored as text (or blob) did not convert. */
int sqlite_convert(const tide_column *to, const char *qsrc, const char *qdst, tide_buf *expr,
                   tide_buf *misfit)
{
    static const char *const whole[] = { "smallint", "integer", "bigint", "boolean", NULL };
    static const char *const number[] = { "real", "double", "numeric", NULL };
    const char *const *k;
    int rc = tide_buf_puts(expr, qsrc);
    for (k = whole; rc == 0 && *k; k++)
        if (!strcmp(to->type, *k))
            return tide_buf_printf(misfit, "typeof(%s) not in ('integer', 'null')", qdst);
    for (k = number; rc == 0 && *k; k++)
        if (!strncmp(to->type, *k, strlen(*k)) && strchr("(", to->type[strlen(*k)]))
            return tide_buf_printf(misfit, "typeof(%s) not in ('integer', 'real', 'null')", qdst);
    return rc;
}
