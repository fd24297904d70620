/* diff.c — the diff engine: pairs the tables and columns of two schemas
 * (by name, by renamedFrom hints, or by an answered "was this renamed?"),
 * then emits operations into phases that give dependency order: namespaces
 * and enum types first, drops of foreign keys and indexes before what they
 * depend on, tables before the foreign keys that point at them, namespaces
 * dropped last. The down
 * plan runs the same emission with the pairing turned around. */
#include "model/diff.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strset.h"

/* Phases, in the order their operations run. */
enum {
    P_NAMESPACE, P_ENUM, P_DROP_OBJECT, P_DROP_FK, P_DROP_CONSTRAINT, P_RENAME, P_REPLACE_ENUM,
    P_DROP_TABLE, P_DROP_OBJECT_LATE, P_CREATE_OBJECT_EARLY, P_CREATE_TABLE, P_DROP_COLUMN, P_COLUMNS,
    P_ADD_CONSTRAINT, P_ADD_FK, P_REBUILD, P_REBUILD_FK, P_CREATE_OBJECT, P_COMMENT, P_DROP_TYPE, P_DROP_ENUM, P_DROP_NAMESPACE, NPHASES
};

/* A rename decided once (hint, likely rename accepted) and used both ways:
 * a is the table (or column) in `from`, b in `to`. */
typedef struct decision {
    const tide_table *a_table, *b_table;
    const char *a_col, *b_col;      /* NULL for a table rename */
} decision;

/* The columns of one table by name: a diff looks each column of each paired
 * table up by name several times, both ways, and a scan with strcmp over
 * the table's columns was most of a diff's time. Open addressing on the
 * name folded to lower case (so that a lookup that ignores case finds its
 * candidates too); slot holds a column's index + 1, 0 when free. */
typedef struct colindex {
    const tide_table *t;            /* NULL: unused */
    const tide_column *columns;     /* what it was built from: rebuilt when these change */
    int ncolumns;
    unsigned *slot;
    size_t mask;
    int next;                       /* the column after the last one found: asked next, most often */
} colindex;

#define NCOLINDEX 4                 /* the tables a diff asks about at once: a pair, each way */

/* The tables of one schema by schema and name, spelled exactly (a table's
 * foreign keys and its partner are looked up for every table, both ways). */
typedef struct tabindex {
    const tide_schema *s;           /* NULL: unused */
    tide_table *const *tables;      /* what it was built from */
    int ntables;
    unsigned *slot;                 /* a table's index + 1, 0 when free */
    size_t mask;
} tabindex;

typedef struct colcache {
    colindex ix[NCOLINDEX];
    int next;                       /* the entry replaced next */
    tabindex tabs[2];               /* both schemas of the diff */
} colcache;

typedef struct differ {
    const tide_schema *a, *b;       /* from, to (swapped for the down plan) */
    colcache *cols;                 /* column lookups (NULL: by a scan) */
    const tide_diff_opts *o;
    decision *dec;
    int ndec;
    int reversed;                   /* computing down: decisions are read b <-> a */
    int nocase;                     /* either schema's identifiers ignore case */
    int declared;                   /* both schemas keep declared types */
    int hierarchies;                /* a table of either schema inherits from another */
    tide_plan *plan;
    tide_op *phase[NPHASES];
    int nphase[NPHASES];
    tide_err *err;
    int failed;
    struct move {                   /* a table attached as a partition, or detached */
        const tide_table *table;    /* of a (attached) or of b (detached) */
        const tide_object *part;    /* of the other schema */
    } *moves;
    int nmoves;
} differ;

/* The warning for what --no-drop leaves out: what, and how to drop it. */
#define NO_DROP "--no-drop: left out: drop "
#define NO_DROP_HOW " (the same command without --no-drop, and migrations.noDrop unset, drops it)"

static int same(const char *x, const char *y)
{
    return x == y || !strcmp(x ? x : "", y ? y : "");   /* most often both NULL */
}

/* Identifiers: a schema built for a database that ignores their case (SQLite)
 * pairs "USERS" with "users", on either side of the diff, so that a spelling
 * that differs only in case is neither a rename nor a drop and a create: the
 * database keeps its spelling, and nothing is planned for it. */
static int same_name(const differ *d, const char *x, const char *y)
{
    return tide_model_same_name(d->nocase, x, y);
}

static size_t table_hash(const char *schema, const char *name)
{
    return (schema ? tide_model_name_hash(schema, strlen(schema), 0) * 31u : 0) ^
           tide_model_name_hash(name, strlen(name), 0);
}

/* s's table index in c, built when there is none or its tables changed;
 * NULL out of memory (lookups search then). */
static const tabindex *table_index(colcache *c, const tide_schema *s)
{
    tabindex *x = c->tabs[0].s == s || !c->tabs[0].s ? &c->tabs[0] : &c->tabs[1];
    size_t cap = 16, h;
    int i;
    if (x->s == s && x->tables == s->tables && x->ntables == s->ntables)
        return x;
    if (x->s != s && x->s)
        return NULL;                        /* a third schema: not indexed */
    while (cap < (size_t)s->ntables * 2)
        cap *= 2;
    free(x->slot);
    if (!(x->slot = calloc(cap, sizeof *x->slot))) {
        memset(x, 0, sizeof *x);
        return NULL;
    }
    x->mask = cap - 1;
    x->s = s;
    x->tables = s->tables;
    x->ntables = s->ntables;
    for (i = 0; i < s->ntables; i++) {
        for (h = table_hash(s->tables[i]->schema, s->tables[i]->name) & x->mask; x->slot[h]; h = (h + 1) & x->mask)
            ;
        x->slot[h] = (unsigned)i + 1;
    }
    return x;
}

/* tide_model_find_table(s, schema, name, d->nocase): the exact spelling
 * through s's index, anything else (another spelling, an unfinished
 * schema) as before. */
static const tide_table *find_table(const differ *d, const tide_schema *s, const char *schema, const char *name)
{
    const tabindex *x;
    size_t h;
    if (schema && !strcmp(schema, "public"))
        schema = NULL;
    if (!name || !s->finished || !d->cols || !(x = table_index(d->cols, s)))
        return tide_model_find_table(s, schema, name, d->nocase);
    for (h = table_hash(schema, name) & x->mask; x->slot[h]; h = (h + 1) & x->mask) {
        const tide_table *t = s->tables[x->slot[h] - 1];
        if (!strcmp(t->name, name) && !strcmp(t->schema ? t->schema : "", schema ? schema : ""))
            return t;
    }
    return tide_model_find_table(s, schema, name, d->nocase);
}

static size_t fold_hash(const char *name)
{
    return tide_model_name_hash(name, strlen(name), 1);
}

/* t's index in c, built when there is none or t's columns changed; NULL
 * out of memory (lookups scan then). */
static colindex *column_index(colcache *c, const tide_table *t)
{
    colindex *x = NULL;
    size_t cap = 16, h;
    int i;
    for (i = 0; i < NCOLINDEX && !x; i++)
        if (c->ix[i].t == t)
            x = &c->ix[i];
    if (x && x->columns == t->columns && x->ncolumns == t->ncolumns)
        return x;
    if (!x) {
        x = &c->ix[c->next];
        c->next = (c->next + 1) % NCOLINDEX;
    }
    while (cap < (size_t)t->ncolumns * 2)
        cap *= 2;
    if (cap != x->mask + 1 || !x->slot) {
        free(x->slot);
        if (!(x->slot = malloc(cap * sizeof *x->slot))) {
            memset(x, 0, sizeof *x);
            return NULL;
        }
        x->mask = cap - 1;
    }
    memset(x->slot, 0, cap * sizeof *x->slot);
    x->t = t;
    x->columns = t->columns;
    x->ncolumns = t->ncolumns;
    x->next = 0;
    for (i = 0; i < t->ncolumns; i++) {
        for (h = fold_hash(t->columns[i].name) & x->mask; x->slot[h]; h = (h + 1) & x->mask)
            ;
        x->slot[h] = (unsigned)i + 1;
    }
    return x;
}

/* tide_model_find_column(t, name, d->nocase), through t's index: the name
 * spelled exactly first, else (ignoring case) the first column in order
 * spelled so. Columns of one folded spelling share a probe sequence, in
 * the order of the columns. A name the index does not find is looked for
 * by a scan as before (the index only makes the common case fast). */
static const tide_column *find_column(const differ *d, const tide_table *t, const char *name)
{
    colindex *x;
    const tide_column *folded = NULL;
    size_t h;
    if (!name || t->ncolumns < 6 || !d->cols || !(x = column_index(d->cols, t)))
        return tide_model_find_column(t, name, d->nocase);
    if (x->next < t->ncolumns && !strcmp(t->columns[x->next].name, name))
        return &t->columns[x->next++];   /* the columns in order: no hash (names are unique) */
    for (h = fold_hash(name) & x->mask; x->slot[h]; h = (h + 1) & x->mask) {
        const tide_column *c = &t->columns[x->slot[h] - 1];
        if (!strcmp(c->name, name)) {
            x->next = (int)x->slot[h];
            return c;
        }
        if (d->nocase && (!folded || c < folded) && tide_model_same_name(1, c->name, name))
            folded = c;
    }
    return folded ? folded : tide_model_find_column(t, name, d->nocase);
}

static void colcache_free(colcache *c)
{
    int i;
    for (i = 0; c && i < NCOLINDEX; i++)
        free(c->ix[i].slot);
    if (c) {
        free(c->tabs[0].slot);
        free(c->tabs[1].slot);
    }
    free(c);
}

/* ---- output ------------------------------------------------------------ */

static tide_op *add_op(differ *d, int phase, tide_op_kind kind, const tide_table *table)
{
    tide_op *op;
    int n = d->nphase[phase];
    if (d->failed)
        return NULL;
    if (tide_list_reserve(&d->phase[phase], n, sizeof *op) < 0) {
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return NULL;
    }
    op = &d->phase[phase][d->nphase[phase]++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->table = table;
    return op;
}

static void note(differ *d, int warning, const char *fmt, ...)
{
    char line[768];
    va_list ap;
    char **grown;
    if (!warning && !d->o->explain)
        return;                    /* nobody asked for explanations: do not format them */
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (!warning) {
        if (d->o->explain)
            d->o->explain(d->o->ud, line);
        return;
    }
    if (d->reversed || d->failed)
        return;                    /* the down plan repeats the up plan's warnings */
    if (!(grown = realloc(d->plan->warnings, sizeof *grown * (size_t)(d->plan->nwarnings + 1))) ||
        !(grown[d->plan->nwarnings] = tide_strdup(line))) {
        if (grown)
            d->plan->warnings = grown;
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    d->plan->warnings = grown;
    d->plan->nwarnings++;
}

/* schema.name, or name, cut to cap - 1 bytes (as snprintf would; this runs
 * for every change a migration lists). */
static const char *qname(const tide_table *t, char *buf, size_t cap)
{
    size_t n = 0, k;
    if (t->schema) {
        k = strlen(t->schema);
        memcpy(buf, t->schema, n = k < cap - 1 ? k : cap - 1);
        if (n < cap - 1)
            buf[n++] = '.';
    }
    k = strlen(t->name);
    if (k > cap - 1 - n)
        k = cap - 1 - n;
    memcpy(buf + n, t->name, k);
    buf[n + k] = '\0';
    return buf;
}

/* ---- pairing ------------------------------------------------------------ */

static int add_decision(differ *d, const tide_table *a, const tide_table *b, const char *ac, const char *bc)
{
    if (tide_list_reserve(&d->dec, d->ndec, sizeof *d->dec) < 0)
        return d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
    d->dec[d->ndec].a_table = a;
    d->dec[d->ndec].b_table = b;
    d->dec[d->ndec].a_col = ac;
    d->dec[d->ndec].b_col = bc;
    d->ndec++;
    return 0;
}

/* The partner in `a` of table bt (by decision or by name), or NULL. */
static const tide_table *partner_of_b(const differ *d, const tide_table *bt)
{
    const tide_table *at;
    int i;
    for (i = 0; i < d->ndec; i++)
        if (!d->dec[i].a_col && (d->reversed ? d->dec[i].a_table : d->dec[i].b_table) == bt)
            return d->reversed ? d->dec[i].b_table : d->dec[i].a_table;
    at = find_table(d, d->a, bt->schema, bt->name);
    for (i = 0; at && i < d->ndec; i++)     /* claimed by a rename: not a partner by name */
        if (!d->dec[i].a_col && (d->reversed ? d->dec[i].b_table : d->dec[i].a_table) == at)
            return NULL;
    return at;
}

static const tide_table *partner_of_a(const differ *d, const tide_table *at);

static int a_is_paired(const differ *d, const tide_table *at)
{
    return partner_of_a(d, at) != NULL;
}

/* The name in table at of the column bt.bc (by decision or by name), or NULL. */
static const tide_column *partner_col(const differ *d, const tide_table *at, const tide_table *bt,
                                      const char *bc)
{
    const tide_column *ac;
    int i;
    for (i = 0; i < d->ndec; i++) {
        const decision *x = &d->dec[i];
        const tide_table *xa = d->reversed ? x->b_table : x->a_table, *xb = d->reversed ? x->a_table : x->b_table;
        const char *ca = d->reversed ? x->b_col : x->a_col, *cb = d->reversed ? x->a_col : x->b_col;
        if (x->a_col && xa == at && xb == bt && same_name(d, cb, bc))
            return find_column(d, at, ca);
    }
    ac = find_column(d, at, bc);
    for (i = 0; ac && i < d->ndec; i++) {
        const decision *x = &d->dec[i];
        const tide_table *xa = d->reversed ? x->b_table : x->a_table;
        const char *ca = d->reversed ? x->b_col : x->a_col;
        if (x->a_col && xa == at && same_name(d, ca, bc))
            return NULL;               /* that column was renamed to something else */
    }
    return ac;
}

static int col_is_paired(const differ *d, const tide_table *at, const tide_table *bt, const tide_column *ac)
{
    const tide_column *bc;
    int i;
    for (i = 0; i < d->ndec; i++) {          /* renamed to some column of bt? */
        const decision *x = &d->dec[i];
        const tide_table *xa = d->reversed ? x->b_table : x->a_table, *xb = d->reversed ? x->a_table : x->b_table;
        const char *ca = d->reversed ? x->b_col : x->a_col;
        if (x->a_col && xa == at && xb == bt && same_name(d, ca, ac->name))
            return 1;
    }
    bc = find_column(d, bt, ac->name);   /* else: kept under its name */
    return bc && partner_col(d, at, bt, bc->name) == ac;
}

/* renamedFrom "old" or "schema.old" (the table's own schema when unqualified). */
static const tide_table *hinted_table(const differ *d, const tide_table *bt)
{
    const char *hint = bt->renamed_from, *dot;
    char schema[128];
    if (!hint)
        return NULL;
    if ((dot = strchr(hint, '.')) != NULL) {
        snprintf(schema, sizeof schema, "%.*s", (int)(dot - hint), hint);
        return find_table(d, d->a, schema, dot + 1);
    }
    return find_table(d, d->a, bt->schema, hint);
}

static int same_shape(const differ *d, const tide_table *x, const tide_table *y)
{
    int i;
    if (x->ncolumns != y->ncolumns)
        return 0;
    for (i = 0; i < x->ncolumns; i++)
        if (!same_name(d, x->columns[i].name, y->columns[i].name) || strcmp(x->columns[i].type, y->columns[i].type))
            return 0;
    return 1;
}

static int same_column_def(const tide_column *x, const tide_column *y)
{
    return !strcmp(x->type, y->type) && x->nullable == y->nullable && same(x->default_expr, y->default_expr) &&
           x->autoincrement == y->autoincrement;
}

/* Asks (TTY) or warns about a likely rename; 1 when it is to be one. */
static int likely_rename(differ *d, const char *what, const char *from, const char *to, const char *hint)
{
    if (d->o->ask_rename)
        return d->o->ask_rename(d->o->ud, what, from, to);
    note(d, 1, "%s '%s' is dropped and '%s' added with the same definition: if it is a rename, "
         "add %s to '%s' (it is a drop and an add now, and the data of '%s' is lost)",
         what, from, to, hint, to, from);
    return 0;
}

static void pair_tables(differ *d)
{
    int i, j;
    char x[300], y[300], hint[400];
    for (i = 0; i < d->b->ntables && !d->failed; i++) {
        const tide_table *bt = d->b->tables[i], *at = hinted_table(d, bt);
        if (at && !find_table(d, d->b, at->schema, at->name) && !find_table(d, d->a, bt->schema, bt->name))
            add_decision(d, at, bt, NULL, NULL);
    }
    for (i = 0; i < d->b->ntables && !d->failed; i++) {
        const tide_table *bt = d->b->tables[i];
        if (partner_of_b(d, bt))
            continue;
        for (j = 0; j < d->a->ntables; j++) {
            const tide_table *at = d->a->tables[j];
            if (a_is_paired(d, at) || !same(at->schema, bt->schema) || !same_shape(d, at, bt))
                continue;
            snprintf(hint, sizeof hint, ":renamedFrom \"%s\"", at->name);
            if (likely_rename(d, "table", qname(at, x, sizeof x), qname(bt, y, sizeof y), hint))
                add_decision(d, at, bt, NULL, NULL);
            break;
        }
    }
}

static void pair_columns(differ *d, const tide_table *at, const tide_table *bt)
{
    int i, j;
    char what[320], hint[300];
    for (i = 0; i < bt->ncolumns && !d->failed; i++) {
        const tide_column *bc = &bt->columns[i];
        if (bc->renamed_from && find_column(d, at, bc->renamed_from) &&
            !find_column(d, bt, bc->renamed_from) && !find_column(d, at, bc->name))
            add_decision(d, at, bt, find_column(d, at, bc->renamed_from)->name, bc->name);
    }
    for (i = 0; i < bt->ncolumns && !d->failed; i++) {
        const tide_column *bc = &bt->columns[i];
        if (partner_col(d, at, bt, bc->name))
            continue;
        for (j = 0; j < at->ncolumns; j++) {
            const tide_column *ac = &at->columns[j];
            if (col_is_paired(d, at, bt, ac) || !same_column_def(ac, bc))
                continue;
            snprintf(what, sizeof what, "column of %s", bt->name);
            snprintf(hint, sizeof hint, ":renamedFrom \"%s\"", ac->name);
            if (likely_rename(d, what, ac->name, bc->name, hint))
                add_decision(d, at, bt, ac->name, bc->name);
            break;
        }
    }
}

/* ---- comparing what is paired ------------------------------------------ */

/* snprintf(out, cap, "%.*s", n, p) without its cost: it ran for every
 * column of every key and index compared. */
static void copy_name(char *out, size_t cap, const char *p, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* Column lists equal once a's names are mapped through the column pairing. */
static int same_cols(const differ *d, const tide_table *at, const tide_table *bt,
                     char *const *ac, int na, char *const *bc, int nb)
{
    int i;
    if (na != nb)
        return 0;
    for (i = 0; i < nb; i++) {
        size_t bl = tide_model_index_col_len(bc[i]), al = tide_model_index_col_len(ac[i]);
        char name[256], aname[256];
        const tide_column *mapped;
        copy_name(name, sizeof name, bc[i], bl);
        copy_name(aname, sizeof aname, ac[i], al);
        mapped = partner_col(d, at, bt, name);
        if (!mapped && bt->ninherits && !find_column(d, bt, name) && !find_column(d, at, aname)) {
            if (!same_name(d, aname, name) || strcmp(ac[i] + al, bc[i] + bl))
                return 0;                    /* a column both inherit: by its name */
            continue;
        }
        if (!mapped || !same_name(d, aname, mapped->name) || strcmp(ac[i] + al, bc[i] + bl))
            return 0;
    }
    return 1;
}

/* A type change that keeps every value: varchar(n) to varchar(m >= n) or
 * text, smaller to larger integers, real to double, numeric(p,s) to wider. */
static int widens(const char *from, const char *to)
{
    static const char *const ints[] = { "smallint", "integer", "bigint", NULL };
    int a = -1, b = -1, i, n1, n2, s1, s2;
    for (i = 0; ints[i]; i++) {
        if (!strcmp(from, ints[i])) a = i;
        if (!strcmp(to, ints[i])) b = i;
    }
    if (a >= 0 && b >= 0)
        return b >= a;
    if (!strcmp(from, "real") && !strcmp(to, "double"))
        return 1;
    if (!strcmp(to, "text") && (!strncmp(from, "varchar", 7) || !strncmp(from, "char(", 5)))
        return 1;
    if (sscanf(from, "varchar(%d)", &n1) == 1 && sscanf(to, "varchar(%d)", &n2) == 1)
        return n2 >= n1;
    if (!strncmp(from, "varchar(", 8) && !strcmp(to, "varchar"))
        return 1;
    if (sscanf(from, "numeric(%d,%d)", &n1, &s1) == 2 && sscanf(to, "numeric(%d,%d)", &n2, &s2) == 2)
        return s2 >= s1 && n2 - s2 >= n1 - s1;
    return 0;
}

/* Identity (always, by default, none) and the options of the column's own
 * sequence: compared while both columns are autoincrement (a change of
 * autoincrement itself is TIDE_CHANGE_AUTOINCREMENT). */
static unsigned identity_changes(const tide_column *ac, const tide_column *bc)
{
    if (!ac->autoincrement && !bc->autoincrement)
        return 0;
    if (!same(ac->identity, bc->identity))
        return TIDE_CHANGE_IDENTITY;
    return ac->autoincrement && bc->autoincrement && !same(ac->sequence, bc->sequence)
           ? TIDE_CHANGE_IDENTITY : 0;
}

static unsigned column_changes(const differ *d, const tide_column *ac, const tide_column *bc)
{
    unsigned ignore = ac->ignore | bc->ignore, ch = 0;
    if (!(ignore & TIDE_IGNORE_TYPE) && strcmp(ac->type, bc->type))
        ch |= TIDE_CHANGE_TYPE;
    if (!(ignore & TIDE_IGNORE_TYPE) && d->declared && ac->declared && bc->declared &&
        !tide_model_same_declared(ac->declared, bc->declared))
        ch |= TIDE_CHANGE_TYPE;             /* "INT" is not "INTEGER" where types are declared */
    if (!(ignore & TIDE_IGNORE_TYPE) && ac->autoincrement != bc->autoincrement)
        ch |= TIDE_CHANGE_AUTOINCREMENT;
    if (!(ignore & TIDE_IGNORE_EXTRA) &&
        (ac->nullable != bc->nullable || !same(ac->not_null_conflict, bc->not_null_conflict) ||
         ac->not_null_said * bc->not_null_said < 0))
        ch |= TIDE_CHANGE_NULLABLE;     /* the NOT NULL constraint, its ON CONFLICT too, and the
                                           rowid's NOT NULL said or not */
    if (!(ignore & TIDE_IGNORE_DEFAULT) && !(ac->autoincrement && bc->autoincrement) &&
        !same(ac->default_expr, bc->default_expr))
        ch |= TIDE_CHANGE_DEFAULT;
    if (!(ignore & TIDE_IGNORE_EXTRA) && !d->o->no_comments && !same(ac->comment, bc->comment))
        ch |= TIDE_CHANGE_COMMENT;
    if (!(ignore & TIDE_IGNORE_EXTRA) && !same(ac->collation, bc->collation))
        ch |= TIDE_CHANGE_COLLATION;
    if (!same(ac->generated, bc->generated) || (ac->generated && ac->generated_stored != bc->generated_stored))
        ch |= TIDE_CHANGE_GENERATED;
    if (!(ignore & TIDE_IGNORE_TYPE))
        ch |= identity_changes(ac, bc);
    if (!(ignore & TIDE_IGNORE_EXTRA) && (!same(ac->statistics, bc->statistics) ||
        !same(ac->storage, bc->storage) || !same(ac->compression, bc->compression) ||
        !same(ac->attoptions, bc->attoptions)))
        ch |= TIDE_CHANGE_STORAGE;
    return ch;
}

static void explain_column(differ *d, const tide_table *bt, const tide_column *ac,
                           const tide_column *bc, unsigned ch)
{
    if (ch & TIDE_CHANGE_TYPE)
        note(d, 0, "table %s: column %s: type %s -> %s", bt->name, bc->name,
             d->declared && ac->declared ? ac->declared : ac->type,
             d->declared && bc->declared ? bc->declared : bc->type);
    if (ch & TIDE_CHANGE_NULLABLE)
        note(d, 0, "table %s: column %s: %s%s%s -> %s%s%s", bt->name, bc->name,
             ac->nullable ? "nullable" : "not null", ac->not_null_conflict ? " on conflict " : "",
             ac->not_null_conflict ? ac->not_null_conflict : "", bc->nullable ? "nullable" : "not null",
             bc->not_null_conflict ? " on conflict " : "", bc->not_null_conflict ? bc->not_null_conflict : "");
    if (ch & TIDE_CHANGE_DEFAULT)
        note(d, 0, "table %s: column %s: default %s -> %s", bt->name, bc->name,
             ac->default_expr ? ac->default_expr : "(none)", bc->default_expr ? bc->default_expr : "(none)");
    if (ch & (TIDE_CHANGE_COMMENT | TIDE_CHANGE_COLLATION | TIDE_CHANGE_AUTOINCREMENT | TIDE_CHANGE_GENERATED))
        note(d, 0, "table %s: column %s: %s%s%s%schanged", bt->name, bc->name,
             ch & TIDE_CHANGE_COMMENT ? "comment " : "", ch & TIDE_CHANGE_COLLATION ? "collation " : "",
             ch & TIDE_CHANGE_AUTOINCREMENT ? "autoincrement " : "",
             ch & TIDE_CHANGE_GENERATED ? "generated expression " : "");
    if (ch & TIDE_CHANGE_STORAGE)
        note(d, 0, "table %s: column %s: statistics, storage, compression or attribute options changed", bt->name, bc->name);
    if (ch & TIDE_CHANGE_IDENTITY)
        note(d, 0, "table %s: column %s: identity %s -> %s, sequence %s -> %s", bt->name, bc->name,
             ac->identity ? ac->identity : "(none)", bc->identity ? bc->identity : "(none)",
             ac->sequence ? ac->sequence : "(defaults)", bc->sequence ? bc->sequence : "(defaults)");
}

static unsigned kind_flags(const tide_object *o);
static int object_is_paired(const differ *d, const tide_object *ao);

/* Does text name `name` as a word of its own (in a literal too:
 * nextval('s.seq'))? */
static int names_word(const char *text, const char *name)
{
    size_t n = strlen(name);
    const char *p;
    for (p = text; n && (p = strstr(p, name)) != NULL; p++) {
        int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
        int after = isalnum((unsigned char)p[n]) || p[n] == '_';
        if (!before && !after)
            return 1;
    }
    return 0;
}

/* Whether the old default ac reads an object made before tables (a
 * sequence, a function) that this plan drops. */
static int default_reads_dropped(const differ *d, const tide_column *ac)
{
    int i;
    for (i = 0; ac->default_expr && i < d->a->nobjects; i++) {
        const tide_object *ao = &d->a->objects[i];
        if ((kind_flags(ao) & TIDE_OBJK_BEFORE_TABLES) && names_word(ac->default_expr, ao->name) &&
            !object_is_paired(d, ao))
            return 1;
    }
    return 0;
}

/* The old default of ac (bc: its partner, NULL when dropped) goes early
 * when it reads what the plan drops, or with the column's own sequence
 * when the column stops being serial. */
static void drop_default_early(differ *d, const tide_table *at, const tide_table *bt, const tide_column *ac,
                               const tide_column *bc, unsigned ch)
{
    int serial_off = ac->autoincrement && !ac->identity && bc && !(bc->autoincrement && !bc->identity);
    tide_op *op;
    if (!serial_off && !(bc ? ch & (TIDE_CHANGE_DEFAULT | TIDE_CHANGE_AUTOINCREMENT) : 1))
        return;
    if (!serial_off && !default_reads_dropped(d, ac))
        return;
    if ((op = add_op(d, P_DROP_CONSTRAINT, TIDE_OP_DROP_DEFAULT, bt)) != NULL) {
        op->old_table = at;
        op->old_column = ac;
        op->column = bc;
    }
}

static int inherits_from(const differ *d, const tide_table *t, const tide_table *p);

static int any_inherits(const tide_schema *s)
{
    int i;
    for (i = 0; i < s->ntables; i++)
        if (s->tables[i]->ninherits)
            return 1;
    return 0;
}

/* Whether the table (at in from, bt in to) has parents or children in
 * either schema. */
static int in_hierarchy(const differ *d, const tide_table *at, const tide_table *bt)
{
    int i;
    if (!d->hierarchies)
        return 0;                   /* the common case: no table scan per dropped column */
    if (at->ninherits || bt->ninherits)
        return 1;
    for (i = 0; i < d->a->ntables; i++)
        if (inherits_from(d, d->a->tables[i], at))
            return 1;
    for (i = 0; i < d->b->ntables; i++)
        if (inherits_from(d, d->b->tables[i], bt))
            return 1;
    return 0;
}

/* ---- comments of what has no comment op of its own ------------------------ */

/* TIDE_OP_COMMENT when the comment something keeps through the plan (old:
 * NULL when the plan makes it, or makes it again) is not the one it has in
 * the target. */
static tide_op *comment_op(differ *d, const tide_table *bt, const tide_table *at, const char *old,
                           const char *comment, const char *what, const char *name)
{
    tide_op *op;
    if (d->o->no_comments || same(old, comment))
        return NULL;
    note(d, 0, "%s %s: comment %s", what, name, comment ? (old ? "changed" : "added") : "removed");
    if ((op = add_op(d, P_COMMENT, TIDE_OP_COMMENT, bt)) != NULL) {
        op->old_table = at;
        op->value = comment;
    }
    return op;
}

/* The comment of a serial's or identity's own sequence; a column that
 * becomes or stops being serial or identity has another sequence. */
static void sequence_comment(differ *d, const tide_table *at, const tide_table *bt, const tide_column *ac,
                             const tide_column *bc)
{
    int kept = ac && ac->autoincrement && bc->autoincrement && !ac->identity == !bc->identity;
    tide_op *op;
    if (!bc->autoincrement)
        return;
    if ((op = comment_op(d, bt, at, kept ? ac->sequence_comment : NULL, bc->sequence_comment,
                         "the sequence of column", bc->name)) != NULL)
        op->column = bc;
}

/* Column bc of bt against its partner ac in at (NULL: bc is added). */
static void diff_column(differ *d, const tide_table *at, const tide_table *bt, const tide_column *ac,
                        const tide_column *bc)
{
    tide_op *op;
    unsigned ch;
    if (!ac) {
        note(d, 0, "table %s: column %s added", bt->name, bc->name);
        if ((op = add_op(d, P_COLUMNS, TIDE_OP_ADD_COLUMN, bt)) != NULL) {
            op->old_table = at;
            op->column = bc;
        }
        sequence_comment(d, at, bt, NULL, bc);
        return;
    }
    if (!same_name(d, ac->name, bc->name) && (op = add_op(d, P_RENAME, TIDE_OP_RENAME_COLUMN, bt)) != NULL) {
        note(d, 0, "table %s: column %s renamed to %s", bt->name, ac->name, bc->name);
        op->old_table = at;
        op->column = bc;
        op->old_column = ac;
    }
    if ((ch = column_changes(d, ac, bc)) != 0 && (op = add_op(d, P_COLUMNS, TIDE_OP_ALTER_COLUMN, bt)) != NULL) {
        explain_column(d, bt, ac, bc, ch);
        op->old_table = at;
        op->column = bc;
        op->old_column = ac;
        op->changes = ch;
        op->destructive = (ch & TIDE_CHANGE_TYPE) && !widens(ac->type, bc->type);
        drop_default_early(d, at, bt, ac, bc, ch);
    }
    sequence_comment(d, at, bt, ac, bc);
}

/* Whether the columns of at and bt are the same names in the same order,
 * each its partner: no decision pairs a column of at (partner_col is then
 * find_column) and the names are equal byte for byte (find_column finds
 * the exact spelling first, and tide_diff takes only finished schemas, in
 * which no table has a name twice: each is found where it is).
 * pair_columns then decides nothing (a renamedFrom is taken only for a
 * column at does not have, and every column of bt has its partner), and
 * col_is_paired holds for every column of at: the diff of the columns is
 * the diff of each pair by position, without the lookups (the diff of
 * every table that did not change, each way). */
static int columns_in_place(const differ *d, const tide_table *at, const tide_table *bt)
{
    int i;
    if (at->ncolumns != bt->ncolumns)
        return 0;
    for (i = 0; i < d->ndec; i++)
        if (d->dec[i].a_col && (d->reversed ? d->dec[i].b_table : d->dec[i].a_table) == at)
            return 0;
    for (i = 0; i < at->ncolumns; i++)
        if (strcmp(at->columns[i].name, bt->columns[i].name))
            return 0;
    return 1;
}

static void diff_columns(differ *d, const tide_table *at, const tide_table *bt)
{
    int i;
    if (columns_in_place(d, at, bt)) {
        for (i = 0; i < bt->ncolumns; i++)
            diff_column(d, at, bt, &at->columns[i], &bt->columns[i]);
        return;
    }
    pair_columns(d, at, bt);
    for (i = 0; i < bt->ncolumns; i++)
        diff_column(d, at, bt, partner_col(d, at, bt, bt->columns[i].name), &bt->columns[i]);
    for (i = 0; i < at->ncolumns; i++) {
        const tide_column *ac = &at->columns[i];
        tide_op *op;
        if (col_is_paired(d, at, bt, ac))
            continue;
        if (d->o->safe) {
            note(d, 1, "safe mode: column %s.%s is not dropped", bt->name, ac->name);
            continue;
        }
        if (d->o->no_drop) {
            note(d, 1, NO_DROP "column %s.%s" NO_DROP_HOW, bt->name, ac->name);
            continue;
        }
        note(d, 0, "table %s: column %s dropped", bt->name, ac->name);
        /* in a hierarchy, before any column is added: a column that moves
         * from a parent table to its child (or back) is dropped from one
         * before the other gets it (PostgreSQL's inherited columns); else
         * in its table's turn, after the changes that may read it (a
         * toolkit's fill from a column the same plan drops) */
        if ((op = add_op(d, in_hierarchy(d, at, bt) ? P_DROP_COLUMN : P_COLUMNS, TIDE_OP_DROP_COLUMN,
                         bt)) != NULL) {
            op->old_table = at;
            op->old_column = ac;
            op->destructive = 1;
        }
        drop_default_early(d, at, bt, ac, NULL, 0);
    }
}

/* Does name follow the generated rule for table t and these columns? */
static int generated(const differ *d, const tide_table *t, const char *name, char *const *cols, int ncols,
                     const char *suffix)
{
    tide_buf b = TIDE_BUF_INIT;
    int yes = tide_model_generated_name(t->name, cols, ncols, suffix, &b) == 0 && b.data && same_name(d, b.data, name);
    tide_buf_free(&b);
    return yes;
}

/* A constraint whose generated name only followed a table or column rename
 * is renamed, not dropped and added: PostgreSQL would refuse to drop a key
 * that a foreign key depends on, and a drop loses nothing but time. */
static void rename_constraint(differ *d, const tide_table *at, const tide_table *bt, tide_op_kind kind,
                              const char *old_name, const char *new_name)
{
    tide_op *op = add_op(d, P_RENAME, kind, bt);
    note(d, 0, "table %s: %s renamed to %s", bt->name, old_name, new_name);
    if (op) {
        op->old_table = at;
        op->old_name = old_name;
        op->new_name = new_name;
    }
}

/* A changed constraint is dropped and added again; names pair them, or the
 * generated-name rule when both names follow it (a rename). */
#define DIFF_NAMED(d, at, bt, list, n, kind_drop, kind_add, field, equal, suffix, rename_kind) \
    do {                                                                                  \
        int i_, j_;                                                                       \
        char *renamed_[256] = { 0 };  /* names in bt taken by a rename */                 \
        for (i_ = 0; i_ < (at)->n; i_++) {                                                \
            const __typeof__((at)->list[0]) *x_ = &(at)->list[i_], *y_ = NULL;            \
            for (j_ = 0; j_ < (bt)->n; j_++)                                              \
                if (same_name(d, (bt)->list[j_].name, x_->name)) y_ = &(bt)->list[j_];    \
            if (!y_ && generated(d, at, x_->name, COLS(x_), suffix))                         \
                for (j_ = 0; j_ < (bt)->n && j_ < 256 && !y_; j_++) {                     \
                    y_ = &(bt)->list[j_];                                                 \
                    if (renamed_[j_] || !generated(d, bt, y_->name, COLS(y_), suffix) ||     \
                        !(equal) || FIND_NAMED(d, at, list, n, y_->name)) y_ = NULL;       \
                    else {                                                                \
                        renamed_[j_] = y_->name;                                          \
                        rename_constraint(d, at, bt, rename_kind, x_->name, y_->name);    \
                        if (rename_kind == TIDE_OP_RENAME_INDEX && d->phase[P_RENAME])    \
                            d->phase[P_RENAME][d->nphase[P_RENAME] - 1].index =           \
                                (const tide_index *)(const void *)y_;                     \
                    }                                                                     \
                }                                                                         \
            if (y_ && !same_name(d, y_->name, x_->name)) continue;  /* renamed */        \
            if (!y_ || !(equal)) {                                                        \
                tide_op *op_ = add_op(d, kind_drop == TIDE_OP_DROP_FK ? P_DROP_FK          \
                                      : P_DROP_CONSTRAINT, kind_drop, bt);                \
                if (op_) { op_->old_table = at; op_->field = x_; }                        \
                note(d, 0, "table %s: %s %s %s", (bt)->name, #field, x_->name,             \
                     y_ ? "changed" : "dropped");                                         \
            }                                                                             \
        }                                                                                 \
        for (j_ = 0; j_ < (bt)->n; j_++) {                                                \
            const __typeof__((bt)->list[0]) *y_ = &(bt)->list[j_], *x_ = NULL;            \
            if (j_ < 256 && renamed_[j_]) continue;                                       \
            for (i_ = 0; i_ < (at)->n; i_++)                                              \
                if (same_name(d, (at)->list[i_].name, y_->name)) x_ = &(at)->list[i_];    \
            if (!x_ || !(equal)) {                                                        \
                tide_op *op_ = add_op(d, kind_add == TIDE_OP_ADD_FK ? P_ADD_FK             \
                                      : P_ADD_CONSTRAINT, kind_add, bt);                  \
                if (op_) { op_->old_table = at; op_->field = y_; }                        \
                if (!x_) note(d, 0, "table %s: %s %s added", (bt)->name, #field, y_->name); \
            }                                                                             \
        }                                                                                 \
    } while (0)

/* The partner in `b` of table at (by decision or by name), or NULL. */
static const tide_table *partner_of_a(const differ *d, const tide_table *at)
{
    const tide_table *bt;
    int i;
    for (i = 0; i < d->ndec; i++)
        if (!d->dec[i].a_col && (d->reversed ? d->dec[i].b_table : d->dec[i].a_table) == at)
            return d->reversed ? d->dec[i].a_table : d->dec[i].b_table;
    bt = find_table(d, d->b, at->schema, at->name);
    return bt && partner_of_b(d, bt) == at ? bt : NULL;
}

/* The referenced table of a's foreign key, as named in b (through renames). */
static int same_ref(const differ *d, const tide_fk *x, const tide_fk *y)
{
    const tide_table *ar = find_table(d, d->a, x->ref_schema, x->ref_table);
    const tide_table *br = ar ? partner_of_a(d, ar) : NULL;
    if (br)
        return same(br->schema, y->ref_schema) && same_name(d, br->name, y->ref_table);
    return same(x->ref_schema, y->ref_schema) && same_name(d, x->ref_table, y->ref_table);
}

static int same_fk(const differ *d, const tide_table *at, const tide_table *bt, const tide_fk *x, const tide_fk *y)
{
    const tide_table *bref = find_table(d, d->b, y->ref_schema, y->ref_table);
    const tide_table *aref = find_table(d, d->a, x->ref_schema, x->ref_table);
    int refcols = x->nref_columns == y->nref_columns;
    int i;
    for (i = 0; refcols && i < y->nref_columns; i++) {
        const tide_column *m = bref && aref ? partner_col(d, aref, bref, y->ref_columns[i]) : NULL;
        refcols = m ? same_name(d, m->name, x->ref_columns[i]) : same_name(d, x->ref_columns[i], y->ref_columns[i]);
    }
    return refcols && same_ref(d, x, y) && same_cols(d, at, bt, x->columns, x->ncolumns, y->columns, y->ncolumns) &&
           same(x->on_delete, y->on_delete) && same(x->on_update, y->on_update) &&
           x->deferrable == y->deferrable && x->initially_deferred == y->initially_deferred &&
           (x->options & TIDE_CON_MATCH_FULL) == (y->options & TIDE_CON_MATCH_FULL);
}

static int same_index(const differ *d, const tide_table *at, const tide_table *bt, const tide_index *x,
                      const tide_index *y)
{
    int loose = d->o->loose_exprs;
    return x->unique == y->unique && x->nulls_not_distinct == y->nulls_not_distinct &&
           same(x->method, y->method) && same(x->with, y->with) &&
           same_cols(d, at, bt, x->columns, x->ncolumns, y->columns, y->ncolumns) &&
           same_cols(d, at, bt, x->include, x->ninclude, y->include, y->ninclude) &&
           (loose || (same(x->where, y->where) && same(x->expression, y->expression))) &&
           (!loose || (!x->where == !y->where && !x->expression == !y->expression));
}

/* Is there an item named `name` in table t's list? */
#define FIND_NAMED(d, t, list, n, name) find_named_(d, (t)->list, (t)->n, sizeof((t)->list[0]), name)
static int find_named_(const differ *d, const void *items, int n, size_t size, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (same_name(d, *(char *const *)(const void *)((const char *)items + (size_t)i * size), name))
            return 1;
    return 0;
}

/* Comments of the indexes both tables have, unchanged but for their
 * comment: ALTER_TABLE_COMMENT with the index set (an index created is
 * created with its comment). */
static void diff_index_comments(differ *d, const tide_table *at, const tide_table *bt)
{
    int i, j;
    tide_op *op;
    if (d->o->no_comments)
        return;
    for (i = 0; i < bt->nindexes; i++)
        for (j = 0; j < at->nindexes; j++) {
            const tide_index *x = &at->indexes[j], *y = &bt->indexes[i];
            if (!same_name(d, x->name, y->name) || !same_index(d, at, bt, x, y) || same(x->comment, y->comment))
                continue;
            note(d, 0, "index %s: comment changed", y->name);
            if ((op = add_op(d, P_COLUMNS, TIDE_OP_ALTER_TABLE_COMMENT, bt)) != NULL) {
                op->old_table = at;
                op->index = y;
            }
        }
}

/* Constraint options (TIDE_CON_*): equal, or only NOT VALID dropped, which
 * VALIDATE CONSTRAINT does in place. */
static int validates(unsigned x, unsigned y)
{
    return (x & ~(unsigned)TIDE_CON_NOT_VALID) == (y & ~(unsigned)TIDE_CON_NOT_VALID) &&
           (x & TIDE_CON_NOT_VALID) && !(y & TIDE_CON_NOT_VALID);
}

static int same_options(unsigned x, unsigned y)
{
    return x == y || validates(x, y);
}

/* NOT VALID checks and foreign keys that become valid: VALIDATE CONSTRAINT. */
static void validate_constraints(differ *d, const tide_table *at, const tide_table *bt)
{
    int i, j;
    tide_op *op;
    for (i = 0; i < bt->nchecks; i++)
        for (j = 0; j < at->nchecks; j++)
            if (same_name(d, at->checks[j].name, bt->checks[i].name) &&
                validates(at->checks[j].options, bt->checks[i].options) &&
                (d->o->loose_exprs || same(at->checks[j].expr, bt->checks[i].expr)) &&
                (op = add_op(d, P_ADD_CONSTRAINT, TIDE_OP_VALIDATE_CONSTRAINT, bt)) != NULL) {
                note(d, 0, "table %s: check %s validated", bt->name, bt->checks[i].name);
                op->old_table = at;
                op->check = &bt->checks[i];
                op->new_name = bt->checks[i].name;
            }
    for (i = 0; i < bt->nfks; i++)
        for (j = 0; j < at->nfks; j++)
            if (same_name(d, at->fks[j].name, bt->fks[i].name) &&
                validates(at->fks[j].options, bt->fks[i].options) &&
                same_fk(d, at, bt, &at->fks[j], &bt->fks[i]) &&
                (op = add_op(d, P_ADD_FK, TIDE_OP_VALIDATE_CONSTRAINT, bt)) != NULL) {
                note(d, 0, "table %s: foreign key %s validated", bt->name, bt->fks[i].name);
                op->old_table = at;
                op->fk = &bt->fks[i];
                op->new_name = bt->fks[i].name;
            }
}

static void diff_constraints(differ *d, const tide_table *at, const tide_table *bt)
{
#define COLS(x) (x)->columns, (x)->ncolumns
    DIFF_NAMED(d, at, bt, uniques, nuniques, TIDE_OP_DROP_UNIQUE, TIDE_OP_ADD_UNIQUE, unique,
               same_cols(d, at, bt, x_->columns, x_->ncolumns, y_->columns, y_->ncolumns) &&
               same_cols(d, at, bt, x_->include, x_->ninclude, y_->include, y_->ninclude) &&
               x_->options == y_->options && same(x_->on_conflict, y_->on_conflict), "key",
               TIDE_OP_RENAME_CONSTRAINT);
    DIFF_NAMED(d, at, bt, indexes, nindexes, TIDE_OP_DROP_INDEX, TIDE_OP_CREATE_INDEX, index,
               same_index(d, at, bt, x_, y_), "idx", TIDE_OP_RENAME_INDEX);
    diff_index_comments(d, at, bt);
    DIFF_NAMED(d, at, bt, fks, nfks, TIDE_OP_DROP_FK, TIDE_OP_ADD_FK, fk, same_fk(d, at, bt, x_, y_) &&
               same_options(x_->options, y_->options), "fkey", TIDE_OP_RENAME_CONSTRAINT);
#undef COLS
#define COLS(x) NULL, 0
    DIFF_NAMED(d, at, bt, checks, nchecks, TIDE_OP_DROP_CHECK, TIDE_OP_ADD_CHECK, check,
               (d->o->loose_exprs || same(x_->expr, y_->expr)) && same_options(x_->options, y_->options),
               "check", TIDE_OP_RENAME_CONSTRAINT);
#undef COLS
    validate_constraints(d, at, bt);
}

static void diff_primary_key(differ *d, const tide_table *at, const tide_table *bt)
{
    tide_op *op;
    int cols = same_cols(d, at, bt, at->pk, at->npk, bt->pk, bt->npk) && at->pk_options == bt->pk_options &&
               same_cols(d, at, bt, at->pk_include, at->npk_include, bt->pk_include, bt->npk_include) &&
               same_cols(d, at, bt, at->pk_desc, at->npk_desc, bt->pk_desc, bt->npk_desc) &&
               same(at->pk_conflict, bt->pk_conflict);
    if (same_name(d, at->pk_name, bt->pk_name) && cols)
        return;
    if (cols && at->npk && generated(d, at, at->pk_name, NULL, 0, "pkey") &&
        generated(d, bt, bt->pk_name, NULL, 0, "pkey")) {
        rename_constraint(d, at, bt, TIDE_OP_RENAME_CONSTRAINT, at->pk_name, bt->pk_name);
        return;
    }
    note(d, 0, "table %s: primary key changed", bt->name);
    if (at->npk && (op = add_op(d, P_DROP_CONSTRAINT, TIDE_OP_DROP_PRIMARY_KEY, bt)) != NULL)
        op->old_table = at;
    if (bt->npk && (op = add_op(d, P_ADD_CONSTRAINT, TIDE_OP_ADD_PRIMARY_KEY, bt)) != NULL)
        op->old_table = at;
}

static int same_inherits(const differ *d, const tide_table *a, const tide_table *b);

/* Whether this plan creates table t's index, unique constraint or primary
 * key named name (again: a changed one is dropped and created, and loses
 * what CLUSTER ON said of it). */
static int made_again(const differ *d, const tide_table *t, const char *name)
{
    int i;
    for (i = 0; name && i < d->nphase[P_ADD_CONSTRAINT]; i++) {
        const tide_op *op = &d->phase[P_ADD_CONSTRAINT][i];
        const char *made = op->kind == TIDE_OP_CREATE_INDEX ? op->index->name
                         : op->kind == TIDE_OP_ADD_UNIQUE ? op->unique->name
                         : op->kind == TIDE_OP_ADD_PRIMARY_KEY ? t->pk_name : NULL;
        if (op->table == t && made && same_name(d, made, name))
            return 1;
    }
    return 0;
}

/* Whether the ops added for table bt since mark make its constraint item
 * (bt itself: its primary key). */
static int made_since(const differ *d, const int *mark, const tide_table *bt, const void *item)
{
    static const int phases[] = { P_ADD_CONSTRAINT, P_ADD_FK };
    size_t p;
    int i;
    for (p = 0; p < sizeof phases / sizeof *phases; p++)
        for (i = mark[phases[p]]; i < d->nphase[phases[p]]; i++) {
            const tide_op *op = &d->phase[phases[p]][i];
            if (op->table == bt &&
                ((op->kind == TIDE_OP_ADD_PRIMARY_KEY && item == (const void *)bt) ||
                 (op->kind == TIDE_OP_ADD_UNIQUE && item == (const void *)op->unique) ||
                 (op->kind == TIDE_OP_ADD_CHECK && item == (const void *)op->check) ||
                 (op->kind == TIDE_OP_ADD_FK && item == (const void *)op->fk)))
                return 1;
        }
    return 0;
}

/* The comment the constraint `name` of bt had in at (through a rename of
 * its generated name), when this plan keeps it; NULL otherwise. */
static const char *kept_comment(const differ *d, const int *mark, const tide_table *at, const tide_table *bt,
                                const void *item, const char *name)
{
    int i;
    if (!at || made_since(d, mark, bt, item))
        return NULL;
    for (i = mark[P_RENAME]; i < d->nphase[P_RENAME]; i++) {
        const tide_op *op = &d->phase[P_RENAME][i];
        if (op->kind == TIDE_OP_RENAME_CONSTRAINT && op->table == bt && same_name(d, op->new_name, name))
            name = op->old_name;
    }
    if (item == (const void *)bt)
        return at->npk && same_name(d, at->pk_name, name) ? at->pk_comment : NULL;
    for (i = 0; i < at->nuniques; i++)
        if (same_name(d, at->uniques[i].name, name))
            return at->uniques[i].comment;
    for (i = 0; i < at->nchecks; i++)
        if (same_name(d, at->checks[i].name, name))
            return at->checks[i].comment;
    for (i = 0; i < at->nfks; i++)
        if (same_name(d, at->fks[i].name, name))
            return at->fks[i].comment;
    return NULL;
}

static void constraint_comment(differ *d, const int *mark, const tide_table *at, const tide_table *bt,
                               const void *item, const char *name, const char *comment)
{
    tide_op *op = comment_op(d, bt, at, kept_comment(d, mark, at, bt, item, name), comment, "constraint", name);
    if (op)
        op->new_name = name;
}

/* Comments of the constraints of bt (COMMENT ON CONSTRAINT): at is NULL for
 * a new table; mark: the phases' sizes before bt's ops were added. */
static void constraint_comments(differ *d, const int *mark, const tide_table *at, const tide_table *bt)
{
    int i;
    if (bt->npk)
        constraint_comment(d, mark, at, bt, bt, bt->pk_name, bt->pk_comment);
    for (i = 0; i < bt->nuniques; i++)
        constraint_comment(d, mark, at, bt, &bt->uniques[i], bt->uniques[i].name, bt->uniques[i].comment);
    for (i = 0; i < bt->nchecks; i++)
        constraint_comment(d, mark, at, bt, &bt->checks[i], bt->checks[i].name, bt->checks[i].comment);
    for (i = 0; i < bt->nfks; i++)
        constraint_comment(d, mark, at, bt, &bt->fks[i], bt->fks[i].name, bt->fks[i].comment);
}

static void rebuild_in_order(differ *d, const tide_table *at, const tide_table *bt);
static const char *kind_name(const tide_object *o);

/* Whether each foreign key of t points at one table on both sides (the
 * same one, or none of either schema). */
static int refs_same_tables(const differ *d, const tide_table *t)
{
    int i;
    for (i = 0; i < t->nfks; i++)
        if (find_table(d, d->a, t->fks[i].ref_schema, t->fks[i].ref_table) !=
            find_table(d, d->b, t->fks[i].ref_schema, t->fks[i].ref_table))
            return 0;
    return 1;
}

static void diff_table(differ *d, const tide_table *at, const tide_table *bt)
{
    tide_op *op;
    char x[300], y[300];
    int mark[NPHASES];
    /* One table on both sides (a snapshot's table that did not change is
     * the definitions' own: tide_snapshot_read_against): nothing of it
     * differs, and no decision pairs its columns (pair_columns runs only
     * for columns out of place). What it has that looks across tables is
     * its foreign keys: when each points at one table on both sides too,
     * every lookup below finds the same thing each way, and nothing is to
     * do; else it is compared as any other. */
    if (at == bt && refs_same_tables(d, bt))
        return;
    memcpy(mark, d->nphase, sizeof mark);
    if (!same(at->schema, bt->schema) || !same_name(d, at->name, bt->name)) {
        note(d, 0, "table %s renamed to %s", qname(at, x, sizeof x), qname(bt, y, sizeof y));
        if ((op = add_op(d, P_RENAME, TIDE_OP_RENAME_TABLE, bt)) != NULL)
            op->old_table = at;
    }
    if (!d->o->no_comments && !same(at->comment, bt->comment) &&
        (op = add_op(d, P_COLUMNS, TIDE_OP_ALTER_TABLE_COMMENT, bt)) != NULL)
        op->old_table = at;
    if (at->options != bt->options || !same(at->partition_by, bt->partition_by) || !same_inherits(d, at, bt) ||
        !same(at->with, bt->with)) {
        note(d, 0, "table %s: options changed%s", qname(bt, y, sizeof y),
             same(at->partition_by, bt->partition_by) ? "" : " (partition key)");
        if ((op = add_op(d, P_COLUMNS, TIDE_OP_ALTER_TABLE_OPTIONS, bt)) != NULL)
            op->old_table = at;
    }
    diff_columns(d, at, bt);
    diff_primary_key(d, at, bt);
    diff_constraints(d, at, bt);
    constraint_comments(d, mark, at, bt);
    if (!same_name(d, at->cluster_on, bt->cluster_on) || made_again(d, bt, bt->cluster_on)) {
        note(d, 0, "table %s: clustered on %s", qname(bt, y, sizeof y), bt->cluster_on ? bt->cluster_on : "nothing");
        if ((op = add_op(d, P_ADD_FK, TIDE_OP_CLUSTER_ON, bt)) != NULL)
            op->old_table = at;
    }
    if (!same(at->replica_identity, bt->replica_identity) || made_again(d, bt, tide_table_replica_index(bt))) {
        note(d, 0, "table %s: replica identity %s", qname(bt, y, sizeof y),
             bt->replica_identity ? bt->replica_identity : "default");
        if ((op = add_op(d, P_ADD_FK, TIDE_OP_REPLICA_IDENTITY, bt)) != NULL)
            op->old_table = at;
    }
    if (d->o->column_rebuild)
        rebuild_in_order(d, at, bt);
}


/* ---- columnOrder = "rebuild" ------------------------------------------------
 * On a database that adds columns last, a kept table ends its plan with its
 * columns as the source had them (those dropped gone), then those added, in
 * the target's order. When that is not the target's order, the table is made
 * again (TIDE_OP_REBUILD_TABLE) once everything else of it has changed. */

/* Whether bt's columns, once at's kept ones stay where they are and the
 * added ones go last, come out in another order than bt's. */
static int order_differs(const differ *d, const tide_table *at, const tide_table *bt)
{
    int i, last = -1;
    for (i = 0; i < bt->ncolumns; i++) {
        const tide_column *ac = partner_col(d, at, bt, bt->columns[i].name);
        /* a column that becomes generated, or whose expression changes, is
           dropped and added again (PostgreSQL cannot make it so in place):
           it goes last, as an added one */
        int again = ac && bt->columns[i].generated && !same(ac->generated, bt->columns[i].generated);
        int key = ac && !again ? (int)(ac - at->columns) : at->ncolumns + i;
        if (key < last)
            return 1;
        last = key;
    }
    return 0;
}

/* Why at (bt in the target) cannot be rebuilt, or NULL. */
static const char *cannot_rebuild(const differ *d, const tide_table *at, const tide_table *bt, char *why,
                                  size_t cap)
{
    char q[300];
    int i, j;
    if (at->partition_by || bt->partition_by)
        return "it is partitioned (its partitions hold the rows)";
    if (at->ninherits || bt->ninherits)
        return "it inherits from another table";
    for (i = 0; i < d->a->ntables; i++)
        if (inherits_from(d, d->a->tables[i], at))
            return "other tables inherit from it";
    for (i = 0; (d->o->safe || d->o->no_drop) && i < at->ncolumns; i++)
        if (!col_is_paired(d, at, bt, &at->columns[i]))   /* left in place, not dropped */
            return "a column the definitions no longer have is kept (safe mode or --no-drop) and would be lost";
    qname(at, q, sizeof q);
    for (i = 0; i < d->a->nobjects; i++) {
        const tide_object *o = &d->a->objects[i];
        if (o->kind != TIDE_OBJ_PUBLICATION && o->kind != TIDE_OBJ_FOREIGN_TABLE)
            continue;
        for (j = 0; j < o->nreads; j++)
            if (same_name(d, o->reads[j], q)) {
                snprintf(why, cap, "%s %s names it", kind_name(o), o->name);
                return why;
            }
    }
    return NULL;
}

static void rebuild_in_order(differ *d, const tide_table *at, const tide_table *bt)
{
    char y[300], why[400];
    const char *no;
    tide_op *op;
    if (!order_differs(d, at, bt))
        return;
    if ((no = cannot_rebuild(d, at, bt, why, sizeof why)) != NULL) {
        note(d, 1, "columnOrder = rebuild: table %s is not rebuilt, its columns stay in the database's "
             "order (a column added goes last): %s", qname(bt, y, sizeof y), no);
        return;
    }
    note(d, 0, "table %s: columns in another order, rebuilt (columnOrder = rebuild)", qname(bt, y, sizeof y));
    if ((op = add_op(d, P_REBUILD, TIDE_OP_REBUILD_TABLE, bt)) != NULL)
        op->old_table = at;
}

static const tide_table *rebuilt_b(const differ *d, const tide_table *bt)
{
    int i;
    for (i = 0; bt && i < d->nphase[P_REBUILD]; i++)
        if (d->phase[P_REBUILD][i].table == bt)
            return bt;
    return NULL;
}

/* The foreign keys a rebuild reaches (held by a rebuilt table or pointing
 * at one) are dropped before the rebuilds and added after them all: an ADD
 * the plan has already moves after the rebuilds, an unchanged key is
 * dropped (from the source's table, by its old name) and added again. */
static void keys_around_rebuilds(differ *d)
{
    int i, j, k;
    if (!d->nphase[P_REBUILD] || d->failed)
        return;
    for (i = 0; i < d->b->ntables && !d->failed; i++) {
        const tide_table *bt = d->b->tables[i], *at = partner_of_b(d, bt);
        for (j = 0; j < bt->nfks && !d->failed; j++) {
            const tide_fk *fk = &bt->fks[j];
            int moved = 0;
            tide_op *op;
            if (!rebuilt_b(d, bt) && !rebuilt_b(d, find_table(d, d->b, fk->ref_schema, fk->ref_table)))
                continue;
            for (k = 0; k < d->nphase[P_ADD_FK]; k++) {
                tide_op *a = &d->phase[P_ADD_FK][k];
                if (a->kind == TIDE_OP_ADD_FK && a->fk == fk) {
                    tide_op copy = *a;
                    memmove(a, a + 1, sizeof *a * (size_t)(d->nphase[P_ADD_FK] - k - 1));
                    d->nphase[P_ADD_FK]--;
                    if ((op = add_op(d, P_REBUILD_FK, TIDE_OP_ADD_FK, bt)) != NULL)
                        *op = copy;
                    moved = 1;
                    break;
                }
            }
            if (moved || !at)
                continue;
            for (k = 0; k < at->nfks; k++)
                if (same_name(d, at->fks[k].name, fk->name))
                    break;
            if (k == at->nfks)
                continue;                      /* none to drop: a new one is an ADD of its own */
            if ((op = add_op(d, P_DROP_FK, TIDE_OP_DROP_FK, bt)) != NULL) {
                op->old_table = at;
                op->fk = &at->fks[k];
            }
            if ((op = add_op(d, P_REBUILD_FK, TIDE_OP_ADD_FK, bt)) != NULL)
                op->fk = fk;
            if (fk->comment && !d->o->no_comments && (op = add_op(d, P_COMMENT, TIDE_OP_COMMENT, bt)) != NULL) {
                op->old_table = at;
                op->value = fk->comment;
                op->new_name = fk->name;
            }
        }
    }
}

static int same_inherits(const differ *d, const tide_table *a, const tide_table *b)
{
    int i;
    if (a->ninherits != b->ninherits)
        return 0;
    for (i = 0; i < a->ninherits; i++)
        if (!same_name(d, a->inherits[i], b->inherits[i]))
            return 0;
    return 1;
}

/* Whether table t inherits from p (directly). */
static int inherits_from(const differ *d, const tide_table *t, const tide_table *p)
{
    char q[300];
    int i;
    snprintf(q, sizeof q, "%s%s%s", p->schema ? p->schema : "", p->schema ? "." : "", p->name);
    for (i = 0; i < t->ninherits; i++)
        if (same_name(d, t->inherits[i], q))
            return 1;
    return 0;
}

/* Whether a column of t that is not serial takes, as its default, the
 * sequence of a serial column of o (nextval('o_id_seq'), a sequence shared
 * by two tables): PostgreSQL makes that sequence with o. */
static int takes_serial_of(const tide_table *t, const tide_table *o)
{
    char seq[300];
    int i, j;
    for (i = 0; t != o && i < t->ncolumns; i++) {
        const tide_column *c = &t->columns[i];
        if (c->autoincrement || !c->default_expr || !strstr(c->default_expr, "nextval"))
            continue;
        for (j = 0; j < o->ncolumns; j++) {
            const tide_column *oc = &o->columns[j];
            if (!oc->autoincrement || oc->identity)
                continue;
            snprintf(seq, sizeof seq, "%s_%s_seq", o->name, oc->name);
            if (names_word(c->default_expr, seq))
                return 1;
        }
    }
    return 0;
}

/* Whether t has a column whose default calls nextval() of a sequence that
 * is not its own: it may take another table's serial sequence. */
static int takes_a_sequence(const tide_table *t)
{
    int i;
    for (i = 0; i < t->ncolumns; i++)
        if (!t->columns[i].autoincrement && t->columns[i].default_expr &&
            strstr(t->columns[i].default_expr, "nextval"))
            return 1;
    return 0;
}

/* Tables created before the tables that inherit from them or take their
 * serial's sequence, dropped after them: a stable order in which no table
 * of the phase waits for another. */
static void order_tables(differ *d, int phase, int drops)
{
    int n = d->nphase[phase], i, j, placed = 0, any = 0;
    tide_op *ops = d->phase[phase], *out;
    char *done, *takes;
    if (n < 2 || d->failed)
        return;
    if (!(takes = calloc((size_t)n, 1))) {
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    for (i = 0; i < n; i++) {
        const tide_table *t = drops ? ops[i].old_table : ops[i].table;
        takes[i] = (char)takes_a_sequence(t);
        any |= t->ninherits || takes[i];
    }
    if (!any) {
        free(takes);
        return;                             /* nothing waits: nothing to do */
    }
    if (!(out = malloc(sizeof *out * (size_t)n)) || !(done = calloc((size_t)n, 1))) {
        free(out);
        free(takes);
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    while (placed < n) {
        int pick = -1;
        for (i = 0; i < n && pick < 0; i++) {
            const tide_table *t = drops ? ops[i].old_table : ops[i].table;
            int waits = 0;
            if (done[i])
                continue;
            for (j = 0; j < n && !waits; j++) {
                const tide_table *o = drops ? ops[j].old_table : ops[j].table;
                if (!done[j] && j != i &&
                    (drops ? inherits_from(d, o, t) || (takes[j] && takes_serial_of(o, t))
                           : inherits_from(d, t, o) || (takes[i] && takes_serial_of(t, o))))
                    waits = 1;
            }
            if (!waits)
                pick = i;
        }
        for (i = 0; i < n && pick < 0; i++)      /* a circle */
            if (!done[i])
                pick = i;
        out[placed++] = ops[pick];
        done[pick] = 1;
    }
    memcpy(ops, out, sizeof *ops * (size_t)n);
    free(out);
    free(done);
    free(takes);
}

static void create_table(differ *d, const tide_table *bt)
{
    tide_op *op;
    int i;
    note(d, 0, "table %s added", bt->name);
    add_op(d, P_CREATE_TABLE, TIDE_OP_CREATE_TABLE, bt);
    for (i = 0; i < bt->nindexes; i++)
        if ((op = add_op(d, P_ADD_CONSTRAINT, TIDE_OP_CREATE_INDEX, bt)) != NULL) {
            op->index = &bt->indexes[i];
            op->new_table = 1;
        }
    for (i = 0; i < bt->nfks; i++)
        if ((op = add_op(d, P_ADD_FK, TIDE_OP_ADD_FK, bt)) != NULL) {
            op->fk = &bt->fks[i];
            op->new_table = 1;
        }
    if (bt->cluster_on && (op = add_op(d, P_ADD_FK, TIDE_OP_CLUSTER_ON, bt)) != NULL)
        op->new_table = 1;
    if (bt->replica_identity && (op = add_op(d, P_ADD_FK, TIDE_OP_REPLICA_IDENTITY, bt)) != NULL)
        op->new_table = 1;
    constraint_comments(d, d->nphase, NULL, bt);
    for (i = 0; i < bt->ncolumns; i++)
        sequence_comment(d, NULL, bt, NULL, &bt->columns[i]);
}

static void drop_table(differ *d, const tide_table *at)
{
    tide_op *op;
    char x[300];
    int i;
    if (d->o->no_drop) {
        note(d, 1, NO_DROP "table %s" NO_DROP_HOW, qname(at, x, sizeof x));
        return;
    }
    if (d->o->safe || d->o->keep_tables) {
        note(d, 1, "%s: table %s is not dropped", d->o->safe ? "safe mode" : "dropTables = false or --no-drop-tables",
             qname(at, x, sizeof x));
        return;
    }
    note(d, 0, "table %s dropped", at->name);
    for (i = 0; i < at->nfks; i++)       /* its foreign keys go before any table does */
        if ((op = add_op(d, P_DROP_FK, TIDE_OP_DROP_FK, at)) != NULL) {
            op->old_table = at;
            op->fk = &at->fks[i];
        }
    if ((op = add_op(d, P_DROP_TABLE, TIDE_OP_DROP_TABLE, NULL)) != NULL) {
        op->old_table = at;
        op->destructive = 1;
    }
}

/* ---- enums and namespaces ------------------------------------------------- */

static int index_of(char *const *v, int n, const char *s)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(v[i], s))
            return i;
    return -1;
}

/* Values only added (old ones kept, in order): ADD_ENUM_VALUE each; else
 * the type must be replaced (returns 1: it loses its comment). */
static int diff_enum(differ *d, const tide_enum *ae, const tide_enum *be)
{
    int i, last = -1, appendable = 1;
    tide_op *op;
    for (i = 0; i < ae->nvalues && appendable; i++) {
        int at = index_of(be->values, be->nvalues, ae->values[i]);
        appendable = at > last;
        last = at;
    }
    if (!appendable) {
        note(d, 0, "enum %s: values removed or reordered", be->name);
        /* after the renames: the columns converted have their new names */
        if ((op = add_op(d, P_REPLACE_ENUM, TIDE_OP_REPLACE_ENUM, NULL)) != NULL) {
            op->enumt = be;
            op->old_enum = ae;
            op->destructive = 1;
        }
        /* the old type goes last: a table dropped by this plan may still use it */
        if ((op = add_op(d, P_DROP_ENUM, TIDE_OP_DROP_ENUM, NULL)) != NULL) {
            op->enumt = be;
            op->old_enum = ae;
        }
        return 1;
    }
    for (i = 0; i < be->nvalues; i++) {
        if (index_of(ae->values, ae->nvalues, be->values[i]) >= 0)
            continue;
        note(d, 0, "enum %s: value '%s' added", be->name, be->values[i]);
        if ((op = add_op(d, P_ENUM, TIDE_OP_ADD_ENUM_VALUE, NULL)) != NULL) {
            int j;
            op->enumt = be;
            op->old_enum = ae;
            op->value = be->values[i];
            for (j = i + 1; j < be->nvalues && !op->before; j++)   /* the next old value */
                if (index_of(ae->values, ae->nvalues, be->values[j]) >= 0)
                    op->before = be->values[j];
            if (!op->before && i > 0)
                op->after = be->values[i - 1];
        }
    }
    return 0;
}

static void diff_enums(differ *d)
{
    int i;
    tide_op *op;
    for (i = 0; i < d->b->nenums; i++) {
        const tide_enum *be = &d->b->enums[i], *ae = tide_schema_find_enum(d->a, be->schema, be->name);
        if (ae && diff_enum(d, ae, be))
            ae = NULL;                   /* replaced: a new type, without a comment */
        else if (!ae && (op = add_op(d, P_ENUM, TIDE_OP_CREATE_ENUM, NULL)) != NULL) {
            note(d, 0, "enum %s added", be->name);
            op->enumt = be;
        }
        if ((op = comment_op(d, NULL, NULL, ae ? ae->comment : NULL, be->comment, "enum", be->name)) != NULL)
            op->enumt = be;
    }
    for (i = 0; i < d->a->nenums; i++) {
        const tide_enum *ae = &d->a->enums[i];
        if (tide_schema_find_enum(d->b, ae->schema, ae->name))
            continue;
        if (d->o->no_drop) {
            note(d, 1, NO_DROP "enum type %s" NO_DROP_HOW, ae->name);
            continue;
        }
        if ((op = add_op(d, P_DROP_ENUM, TIDE_OP_DROP_ENUM, NULL)) != NULL) {
            note(d, 0, "enum %s dropped", ae->name);
            op->old_enum = ae;
        }
    }
}

/* Whether the plan keeps something of the source in namespace ns: a table
 * (safe mode, dropTables = false), an object that holds data (safe mode). */
static int keeps_something_in(const differ *d, const char *ns)
{
    int i;
    for (i = 0; (d->o->safe || d->o->keep_tables) && i < d->a->ntables; i++)
        if (same(d->a->tables[i]->schema, ns))
            return 1;
    for (i = 0; d->o->safe && i < d->a->nobjects; i++)
        if ((kind_flags(&d->a->objects[i]) & TIDE_OBJK_HOLDS_DATA) && same(d->a->objects[i].schema, ns))
            return 1;
    return 0;
}

/* Namespace ns of `from` that `to` lacks (each once: done), created
 * first when from is the target, dropped last when it is the source. */
static void namespace_op(differ *d, tide_strset *done, const tide_schema *from, const tide_schema *to,
                         const char *ns)
{
    int create = from == d->b, added;
    tide_op *op;
    if (!ns || d->failed || tide_schema_has_namespace(to, ns))
        return;
    if ((added = tide_strset_add(done, ns)) < 0)
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
    if (added <= 0)
        return;
    if (!create && d->o->no_drop) {
        note(d, 1, NO_DROP "schema %s" NO_DROP_HOW, ns);
        return;
    }
    if (!create && keeps_something_in(d, ns))
        return;
    note(d, 0, "schema %s %s", ns, create ? "added" : "dropped");
    if ((op = add_op(d, create ? P_NAMESPACE : P_DROP_NAMESPACE,
                     create ? TIDE_OP_CREATE_NAMESPACE : TIDE_OP_DROP_NAMESPACE, NULL)) != NULL)
        op->namespace_name = ns;
}

/* The namespaces from has (listed, or holding a table, an enum or an
 * object) and to has not. */
static void namespace_ops(differ *d, const tide_schema *from, const tide_schema *to)
{
    tide_strset done = TIDE_STRSET_INIT(0);
    int i;
    for (i = 0; i < from->nnamespaces; i++)
        namespace_op(d, &done, from, to, from->namespaces[i]);
    for (i = 0; i < from->ntables; i++)
        namespace_op(d, &done, from, to, from->tables[i]->schema);
    for (i = 0; i < from->nenums; i++)
        namespace_op(d, &done, from, to, from->enums[i].schema);
    for (i = 0; i < from->nobjects; i++)
        namespace_op(d, &done, from, to, from->objects[i].schema);
    tide_strset_free(&done);
}

/* A namespace of the target only is created first; one of the source only
 * is dropped last, after what was in it (the database's namespaces that the
 * definitions do not name are not read, hence never dropped), but not while
 * this plan keeps tables in it. */
static void diff_namespaces(differ *d)
{
    int i;
    tide_op *op;
    namespace_ops(d, d->b, d->a);
    namespace_ops(d, d->a, d->b);
    for (i = 0; i < d->b->nns_comments; i++) {       /* COMMENT ON SCHEMA */
        const tide_ns_comment *c = &d->b->ns_comments[i];
        if ((op = comment_op(d, NULL, NULL, tide_schema_namespace_comment(d->a, c->name), c->comment,
                             "schema", c->name)) != NULL)
            op->namespace_name = c->name;
    }
    for (i = 0; i < d->a->nns_comments; i++) {
        const tide_ns_comment *c = &d->a->ns_comments[i];
        if ((!strcmp(c->name, "public") || tide_schema_has_namespace(d->b, c->name)) &&
            !tide_schema_namespace_comment(d->b, c->name) &&
            (op = comment_op(d, NULL, NULL, c->comment, NULL, "schema", c->name)) != NULL)
            op->namespace_name = c->name;
    }
}

/* ---- a table attached as a partition, a partition detached ------------------ */

/* The partition of s named schema.name whose partitioned table s holds, or NULL. */
static const tide_object *partition_named(const differ *d, const tide_schema *s, const char *schema,
                                          const char *name, const tide_table **parent)
{
    const tide_object *p = tide_schema_find_partition(s, schema, name);
    return p && (*parent = find_table(d, s, tide_object_table_schema(p), p->table)) != NULL ? p : NULL;
}

/* The table p of parent is as far as its own columns go: parent's columns,
 * their defaults and NOT NULL (as CREATE TABLE ... PARTITION OF makes them;
 * not their comments nor statistics), no key nor index of its own (the
 * copies of parent's come with it); to be attached, parent's checks too
 * (ATTACH wants them; a detached one loses them with the copies). Kept with
 * the plan, whose ops name it. */
static const tide_table *as_partition(differ *d, const tide_table *parent, const tide_object *p, int attach)
{
    tide_table *t = calloc(1, sizeof *t);
    tide_table **made = realloc(d->plan->made, sizeof *made * (size_t)(d->plan->nmade + 1));
    int i;
    if (made)
        d->plan->made = made;
    if (!t || !made || (parent->ncolumns && !(t->columns = calloc((size_t)parent->ncolumns, sizeof *t->columns)))) {
        free(t);
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return NULL;
    }
    d->plan->made[d->plan->nmade++] = t;
    t->schema = p->schema;
    t->name = p->name;
    t->comment = p->comment;
    t->nocase = parent->nocase;
    t->checks = attach ? parent->checks : NULL;
    t->nchecks = attach ? parent->nchecks : 0;
    t->ncolumns = parent->ncolumns;
    for (i = 0; i < parent->ncolumns; i++) {
        t->columns[i] = parent->columns[i];
        t->columns[i].comment = NULL;
        t->columns[i].statistics = NULL;
    }
    return t;
}

/* A table of a that b holds as a partition (or a partition of a that b
 * holds as a table): the table goes through the changes that make it what
 * its partition is (or the partition, once detached, what the table is),
 * and the partition's create (drop) is an attach (a detach), its rows
 * kept. 1 when t moves so. */
static int move(differ *d, const tide_table *t, int attach)
{
    const tide_table *parent;
    const tide_object *p = partition_named(d, attach ? d->b : d->a, t->schema, t->name, &parent);
    const tide_table *as;
    struct move *m;
    char x[300];
    int i;
    if (!p)
        return 0;
    for (i = 0; i < parent->ncolumns; i++)
        if (parent->columns[i].autoincrement) {
            d->failed = tide_err_set(d->err, TIDE_ECONFIG, "table %s: it %s partition of %s, whose column %s "
                                     "takes its values from a sequence of its own (serial or identity), which tide "
                                     "does not %s: write the migration yourself (tide migration:create --blank: "
                                     "alter table %s %s partition %s ...)", qname(t, x, sizeof x),
                                     attach ? "becomes a" : "was a", parent->name, parent->columns[i].name,
                                     attach ? "attach to" : "detach from", parent->name,
                                     attach ? "attach" : "detach", t->name);
            return 1;
        }
    if (!(as = as_partition(d, parent, p, attach)) ||
        !(m = realloc(d->moves, sizeof *m * (size_t)(d->nmoves + 1)))) {
        if (!d->failed)
            d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return 1;
    }
    d->moves = m;
    d->moves[d->nmoves].table = t;
    d->moves[d->nmoves++].part = p;
    note(d, 0, attach ? "table %s becomes a partition of %s (attached: its rows stay)"
                      : "partition %s of %s becomes a table (detached: its rows stay)", t->name, parent->name);
    if (attach)
        diff_table(d, t, as);
    else
        diff_table(d, as, t);
    return 1;
}

/* The table of the other schema that partition o moves from or to, or NULL. */
static const tide_table *moved(const differ *d, const tide_object *o)
{
    int i;
    for (i = 0; i < d->nmoves; i++)
        if (d->moves[i].part == o)
            return d->moves[i].table;
    return NULL;
}

/* ---- objects beside tables ------------------------------------------------- */

static const char *kind_name(const tide_object *o)
{
    return tide_object_kinds[o->kind].name;
}

/* Its kind's flags, but a function with a body of SQL or a domain over a
 * table's row type (after_tables) goes after tables and with what it
 * reads, like a view: dropped before the tables, too. */
static unsigned kind_flags(const tide_object *o)
{
    unsigned f = tide_object_kinds[o->kind].flags;
    return o->after_tables ? (f & ~(unsigned)(TIDE_OBJK_BEFORE_TABLES | TIDE_OBJK_TYPE)) | TIDE_OBJK_READS : f;
}

/* Whether two lists of (column, value) pairs are the same (both sorted). */
static int same_pairs(char *const *a, int na, char *const *b, int nb)
{
    int i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (strcmp(a[i], b[i]))
            return 0;
    return 1;
}

/* Whether two objects' columns have the same comments. */
static int same_column_comments(const tide_object *ao, const tide_object *bo)
{
    return same_pairs(ao->column_comments, ao->ncolumn_comments, bo->column_comments, bo->ncolumn_comments);
}

/* The table of an object on a table, as named in the other schema: the
 * partner of a's table when it was renamed. */
static int same_owner(const differ *d, const tide_object *ao, const tide_object *bo)
{
    const tide_table *at;
    if (!ao->table && !bo->table)
        return 1;
    if ((at = find_table(d, d->a, tide_object_table_schema(ao), ao->table)) != NULL) {
        const tide_table *bt = partner_of_a(d, at);
        if (bt)
            return same_name(d, bt->name, bo->table) && same(bt->schema, tide_object_table_schema(bo));
    }
    return same_name(d, ao->table, bo->table) && same(tide_object_table_schema(ao), tide_object_table_schema(bo));
}

static const tide_object *moved_partition(const differ *d, const tide_schema *s, const tide_object *like,
                                          const char *name, int a_side);

/* Whether o of s and like of the other schema are on partitions, the one
 * the other set in another namespace (they go with it). */
static int on_moved_partition(const differ *d, const tide_schema *s, const tide_object *o, const tide_object *like,
                              int a_side)
{
    const tide_object *po, *pl;
    if (!o->table || o->kind == TIDE_OBJ_PARTITION || same(o->schema, like->schema) ||
        !(po = tide_schema_find_partition(s, o->schema, o->table)) ||
        !(pl = tide_schema_find_partition(a_side ? d->b : d->a, like->schema, like->table)))
        return 0;
    return moved_partition(d, s, pl, pl->name, a_side) == po;
}

static const tide_object *find_object(const differ *d, const tide_schema *s, const tide_object *like,
                                      const char *name, int a_side)
{
    int i;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        int moved;                   /* on a partition set in another namespace: paired with it */
        if (o->kind != like->kind || !same_name(d, o->name, name))
            continue;
        if ((moved = !same(o->schema, like->schema)) != 0 && !on_moved_partition(d, s, o, like, a_side))
            continue;
        if (!(kind_flags(o) & TIDE_OBJK_ON_TABLE) || moved ||
            (a_side ? same_owner(d, o, like) : same_owner(d, like, o)))
            return o;
    }
    return NULL;
}

/* The partition of s that partition like of the other schema is, set in
 * another namespace (ALTER TABLE ... SET SCHEMA: its rows stay): the same
 * name, of the same table, in another namespace, when the other schema has
 * none of that name in s's partition's namespace; else NULL. */
static const tide_object *moved_partition(const differ *d, const tide_schema *s, const tide_object *like,
                                          const char *name, int a_side)
{
    const tide_schema *other = a_side ? d->b : d->a;
    int i;
    if (like->kind != TIDE_OBJ_PARTITION)
        return NULL;
    for (i = 0; i < s->nobjects; i++) {
        const tide_object *o = &s->objects[i];
        if (o->kind != TIDE_OBJ_PARTITION || same(o->schema, like->schema) || !same_name(d, o->name, name) ||
            !same(tide_object_table_schema(o), tide_object_table_schema(like)) ||
            !(a_side ? same_owner(d, o, like) : same_owner(d, like, o)))
            continue;
        if (!tide_schema_find_partition(other, o->schema, o->name))
            return o;
    }
    return NULL;
}

/* The object of `a` that bo is (same name, or renamedFrom either way), or NULL. */
static const tide_object *object_partner(const differ *d, const tide_object *bo)
{
    const tide_object *ao = find_object(d, d->a, bo, bo->name, 1);
    int i;
    if (ao || (ao = moved_partition(d, d->a, bo, bo->name, 1)) != NULL)
        return ao;
    if (!d->reversed && bo->renamed_from && (ao = find_object(d, d->a, bo, bo->renamed_from, 1)) != NULL &&
        !find_object(d, d->b, ao, ao->name, 0))
        return ao;
    for (i = 0; d->reversed && i < d->a->nobjects; i++) {
        ao = &d->a->objects[i];
        if (ao->renamed_from && ao->kind == bo->kind && same(ao->schema, bo->schema) &&
            same_name(d, ao->renamed_from, bo->name) && same_owner(d, ao, bo) &&
            !find_object(d, d->b, ao, ao->name, 0))
            return ao;
    }
    return NULL;
}

static int object_is_paired(const differ *d, const tide_object *ao)
{
    int i;
    for (i = 0; i < d->b->nobjects; i++)
        if (d->b->objects[i].kind == ao->kind && object_partner(d, &d->b->objects[i]) == ao)
            return 1;
    return 0;
}

/* Whether the plan makes again the index or key of a partitioned table
 * that the attached index bo names: the copy goes with it and comes back
 * under the name PostgreSQL gives it, to be named again. */
static int copy_made_again(const differ *d, const tide_object *bo)
{
    const tide_table *bt;
    return bo->kind == TIDE_OBJ_ATTACHED_INDEX && partition_named(d, d->b, bo->schema, bo->table, &bt) &&
           made_again(d, bt, bo->definition);
}

/* Takes out the ALTER_OBJECT (and ALTER_OBJECT_COMMENT) operation of each
 * of a's objects that is also made again (redo[i]): the object is created
 * as it is now, with its comments, and the ALTER would run between its drop
 * and its create. */
static void take_out(differ *d, const char *redo)
{
    static const int phases[2] = { P_CREATE_OBJECT_EARLY, P_CREATE_OBJECT };
    size_t p;
    int k, kept;
    for (p = 0; p < 2; p++) {
        tide_op *ops = d->phase[phases[p]];
        for (k = kept = 0; k < d->nphase[phases[p]]; k++)
            if ((ops[k].kind != TIDE_OP_ALTER_OBJECT && ops[k].kind != TIDE_OP_ALTER_OBJECT_COMMENT) ||
                !redo[ops[k].old_object - d->a->objects])
                ops[kept++] = ops[k];
        d->nphase[phases[p]] = kept;
    }
}

static tide_op *object_op(differ *d, tide_op_kind kind, const tide_object *ao, const tide_object *bo)
{
    const tide_object *o = bo ? bo : ao;
    int phase;
    tide_op *op;
    if (kind == TIDE_OP_DROP_OBJECT)
        phase = kind_flags(o) & TIDE_OBJK_TYPE ? P_DROP_TYPE
                : kind_flags(o) & TIDE_OBJK_BEFORE_TABLES ? P_DROP_OBJECT_LATE : P_DROP_OBJECT;
    else if (kind == TIDE_OP_RENAME_OBJECT)
        phase = P_RENAME;
    else
        phase = kind_flags(o) & TIDE_OBJK_BEFORE_TABLES ? P_CREATE_OBJECT_EARLY : P_CREATE_OBJECT;
    if ((op = add_op(d, phase, kind, NULL)) != NULL) {
        op->object = bo;
        op->old_object = ao;
    }
    return op;
}

/* Whether expression e calls function name ("name(" or "schema.name(",
 * name a word of its own). */
static int expr_calls(const char *e, const char *name)
{
    size_t n = strlen(name);
    const char *p, *q;
    for (p = e ? strstr(e, name) : NULL; p; p = strstr(p + 1, name)) {
        if (p > e && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
            continue;
        for (q = p + n; *q == ' ' || *q == '"'; q++)
            ;
        if (*q == '(' && !(isalnum((unsigned char)p[n]) || p[n] == '_'))
            return 1;
    }
    return 0;
}

/* Whether function ao, dropped, is still used until the last phases: by a
 * domain or a range type of a that goes (no partner in b: its CHECK, its
 * DEFAULT, its subtype_diff), or by a generated column, a default or a
 * CHECK of a's tables (a column dropped goes after the objects made
 * before tables), or by a function that goes with them (its body of SQL
 * calls it), or by a cast that goes (what casts with it calls it unnamed):
 * the function goes last, with the types, after them. */
static int goes_late(const differ *d, const tide_object *ao, int depth)
{
    char q[300];
    int i, j, k;
    if (ao->kind != TIDE_OBJ_FUNCTION || depth > 16)
        return 0;
    for (i = 0; i < d->a->ntables; i++) {
        const tide_table *t = d->a->tables[i];
        if (!same(t->schema, ao->schema))
            continue;
        for (k = 0; k < t->ncolumns; k++)
            if (expr_calls(t->columns[k].generated, ao->name) || expr_calls(t->columns[k].default_expr, ao->name))
                return 1;
        for (k = 0; k < t->nchecks; k++)
            if (expr_calls(t->checks[k].expr, ao->name))
                return 1;
    }
    snprintf(q, sizeof q, "%s%s%s", ao->schema ? ao->schema : "", ao->schema ? "." : "", ao->name);
    for (i = 0; i < d->a->nobjects; i++) {
        const tide_object *t = &d->a->objects[i];
        if (t->kind == TIDE_OBJ_CAST && !object_is_paired(d, t) && expr_calls(t->definition, ao->name))
            return 1;        /* a cast's function: expressions call it as "x::type", which name it not */
        if ((t->kind != TIDE_OBJ_DOMAIN && t->kind != TIDE_OBJ_RANGE && t->kind != TIDE_OBJ_FUNCTION) ||
            t == ao || object_is_paired(d, t))
            continue;
        for (j = 0; j < t->nreads; j++)
            if (same_name(d, t->reads[j], q) && (t->kind != TIDE_OBJ_FUNCTION || goes_late(d, t, depth + 1)))
                return 1;
    }
    return 0;
}

#define BEFORE_ENUMS 2              /* drop_object's recreate: dropped before enums are made again */

/* Drops ao: for good (recreate 0), to be made again (1), or to be made
 * again around an enum made again (BEFORE_ENUMS: a function whose
 * signature names it, dropped before the old type is renamed away). */
static void drop_object(differ *d, const tide_object *ao, int recreate)
{
    tide_op *op;
    if (!recreate && d->o->no_drop) {
        note(d, 1, NO_DROP "%s %s" NO_DROP_HOW, kind_name(ao), ao->name);
        return;
    }
    if (!recreate && (kind_flags(ao) & TIDE_OBJK_HOLDS_DATA) && d->o->safe) {
        note(d, 1, "safe mode: %s %s is not dropped", kind_name(ao), ao->name);
        return;
    }
    op = !recreate && goes_late(d, ao, 0) ? add_op(d, P_DROP_TYPE, TIDE_OP_DROP_OBJECT, NULL)
         : recreate == BEFORE_ENUMS ? add_op(d, P_DROP_OBJECT, TIDE_OP_DROP_OBJECT, NULL)
         : object_op(d, TIDE_OP_DROP_OBJECT, ao, NULL);
    if (op && !op->old_object)              /* add_op: the object is said here */
        op->old_object = ao;
    if (op) {
        op->recreate = recreate != 0;
        op->destructive = (kind_flags(ao) & TIDE_OBJK_HOLDS_DATA) != 0;
    }
}

static void create_object(differ *d, const tide_object *bo, int recreate)
{
    tide_op *op;
    if ((op = object_op(d, TIDE_OP_CREATE_OBJECT, NULL, bo)) != NULL)
        op->recreate = recreate;
}

/* The names (in a's spelling, "schema.name" or "name") that the plan so far
 * changes under the objects that read them: tables whose columns change,
 * are renamed or dropped, and objects dropped or renamed. A set, so that a
 * plan touching every one of 10,000 tables stays linear. */
typedef tide_strset touched;

static void touch(differ *d, touched *t, const char *schema, const char *name)
{
    char q[300];
    snprintf(q, sizeof q, "%s%s%s", schema ? schema : "", schema ? "." : "", name);
    if (tide_strset_add(t, q) < 0)
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
}

static int reads_touched(const touched *t, const tide_object *ao)
{
    int i;
    for (i = 0; i < ao->nreads; i++)
        if (tide_strset_has(t, ao->reads[i]))
            return 1;
    return 0;
}

/* The tables of a with a column of enum en (replaced: the columns change
 * type), and the type itself (what reads it by name). */
static void touch_enum_users(differ *d, touched *t, const tide_enum *en)
{
    char q[300];
    int i, j;
    snprintf(q, sizeof q, "%s%s%s", en->schema ? en->schema : "", en->schema ? "." : "", en->name);
    touch(d, t, en->schema, en->name);
    for (i = 0; i < d->a->ntables; i++)
        for (j = 0; j < d->a->tables[i]->ncolumns; j++)
            if (d->a->tables[i]->columns[j].is_enum && !strcmp(d->a->tables[i]->columns[j].type, q)) {
                touch(d, t, d->a->tables[i]->schema, d->a->tables[i]->name);
                break;
            }
}

static void touched_by_tables(differ *d, touched *t)
{
    int p, i;
    for (p = 0; p < NPHASES; p++)
        for (i = 0; i < d->nphase[p]; i++) {
            const tide_op *op = &d->phase[p][i];
            const tide_table *at = op->old_table;
            switch (op->kind) {
            case TIDE_OP_ALTER_COLUMN: case TIDE_OP_DROP_COLUMN: case TIDE_OP_RENAME_COLUMN:
            case TIDE_OP_RENAME_TABLE: case TIDE_OP_DROP_TABLE: case TIDE_OP_ALTER_TABLE_OPTIONS:
            case TIDE_OP_REBUILD_TABLE:
                if (!at)
                    at = partner_of_b(d, op->table);
                if (at)
                    touch(d, t, at->schema, at->name);
                break;
            case TIDE_OP_REPLACE_ENUM:      /* its columns are converted: what reads them is made again */
                touch_enum_users(d, t, op->old_enum);
                break;
            default:
                break;
            }
        }
}

/* Creates come out in the order the kinds are listed, an object after those
 * it reads; drops in the opposite order. A circle keeps the kinds' order. */
static int reads_pending(const differ *d, const tide_object *o, const tide_op *ops, const char *done, int n,
                         int drops)
{
    int i, j;
    for (i = 0; i < n; i++) {
        const tide_object *p = drops ? ops[i].old_object : ops[i].object;
        char q[300];
        if (done[i] || !p || p == o)
            continue;
        if (drops) {                 /* a drop waits for the objects that read it */
            const tide_object *x = p;
            p = o;
            o = x;
        }
        snprintf(q, sizeof q, "%s%s%s", p->schema ? p->schema : "", p->schema ? "." : "", p->name);
        for (j = 0; j < o->nreads; j++)
            if (same_name(d, o->reads[j], q))
                return 1;
        if (drops) {
            const tide_object *x = p;
            p = o;
            o = x;
        }
    }
    return 0;
}

static void order_objects(differ *d, int phase, int drops)
{
    int n = d->nphase[phase], i, k, placed = 0;
    tide_op *ops = d->phase[phase], *out;
    char *done;
    if (n < 2 || d->failed)
        return;
    if (!(out = malloc(sizeof *out * (size_t)n)) || !(done = calloc((size_t)n, 1))) {
        free(out);
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    while (placed < n) {
        int pick = -1;
        for (k = 0; k < TIDE_NOBJECT_KINDS && pick < 0; k++) {
            int kind = drops ? TIDE_NOBJECT_KINDS - 1 - k : k;
            for (i = 0; i < n && pick < 0; i++) {
                const tide_object *o = drops ? ops[i].old_object : ops[i].object;
                if (done[i] || !o || (int)o->kind != kind)
                    continue;
                if (!reads_pending(d, o, ops, done, n, drops))
                    pick = i;
            }
        }
        for (i = 0; i < n && pick < 0; i++)      /* a circle, or an op without an object */
            if (!done[i])
                pick = i;
        out[placed++] = ops[pick];
        done[pick] = 1;
    }
    memcpy(ops, out, sizeof *ops * (size_t)n);
    free(out);
    free(done);
}

/* Whether ao is on a table (a trigger, a policy, an exclusion constraint,
 * a sequence's owner...) that the plan rebuilds: it goes with the old table
 * and is made again on the new one. */
static int on_rebuilt(const differ *d, const tide_object *ao)
{
    const tide_table *at;
    int i;
    if (!d->nphase[P_REBUILD] || !ao->table || !(kind_flags(ao) & TIDE_OBJK_ON_TABLE) ||
        ao->kind == TIDE_OBJ_PARTITION)
        return 0;
    if (!(at = find_table(d, d->a, tide_object_table_schema(ao), ao->table)))
        return 0;
    for (i = 0; i < d->nphase[P_REBUILD]; i++)
        if (d->phase[P_REBUILD][i].old_table == at)
            return 1;
    return 0;
}

/* Whether function (or aggregate) o takes or returns an enum this plan
 * makes again: its signature names the old type, which the plan drops, so
 * it is made again around the change. The signature is the statement up to
 * its body (the first quote). */
static int signature_names_replaced_enum(const differ *d, const tide_object *o)
{
    char head[1024];
    size_t n;
    int i;
    if ((o->kind != TIDE_OBJ_FUNCTION && o->kind != TIDE_OBJ_AGGREGATE) || !o->definition)
        return 0;
    n = strcspn(o->definition, "$'");
    snprintf(head, sizeof head, "%.*s", (int)(n < sizeof head - 1 ? n : sizeof head - 1), o->definition);
    for (i = 0; i < d->nphase[P_REPLACE_ENUM]; i++) {
        const tide_op *op = &d->phase[P_REPLACE_ENUM][i];
        if (op->kind == TIDE_OP_REPLACE_ENUM && op->old_enum && names_word(head, op->old_enum->name))
            return 1;
    }
    return 0;
}

static void diff_objects(differ *d)
{
    touched t = TIDE_STRSET_INIT(d->nocase);
    char *redo = NULL;           /* a's objects dropped and created again */
    int i, more;
    if (d->a->nobjects && !(redo = calloc((size_t)d->a->nobjects, 1))) {
        d->failed = tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
        return;
    }
    for (i = 0; i < d->b->nobjects && !d->failed; i++) {
        const tide_object *bo = &d->b->objects[i], *ao = object_partner(d, bo);
        tide_op *op;
        if (!ao) {
            const tide_table *from = moved(d, bo);
            if (!from)
                note(d, 0, "%s %s added", kind_name(bo), bo->name);
            if ((op = object_op(d, TIDE_OP_CREATE_OBJECT, NULL, bo)) != NULL)
                op->old_table = from;     /* attached: made of that table */
            continue;
        }
        int same_def = !strcmp(ao->canonical ? ao->canonical : "", bo->canonical ? bo->canonical : "");
        if (bo->kind == TIDE_OBJ_PARTITION && !same(ao->schema, bo->schema) && same_name(d, ao->name, bo->name)) {
            note(d, 0, "%s %s moves from namespace %s to %s (its rows stay)", kind_name(bo), bo->name,
                 ao->schema ? ao->schema : "public", bo->schema ? bo->schema : "public");
            object_op(d, TIDE_OP_RENAME_OBJECT, ao, bo);   /* what is on it goes with it; what reads */
        }                                                  /* it names it anew: a new definition */
        if (!same_def || !same(ao->with, bo->with) || !same(ao->enabled, bo->enabled) ||
            !same(ao->replica_identity, bo->replica_identity) || ao->row_security != bo->row_security ||
            ao->force_row_security != bo->force_row_security ||
            !same_pairs(ao->column_defaults, ao->ncolumn_defaults, bo->column_defaults, bo->ncolumn_defaults)) {
            /* a view's options or column defaults, a trigger's state, a partition's replica
               identity or row level security: altered in place */
            int options_only = same_def && (bo->kind == TIDE_OBJ_VIEW || bo->kind == TIDE_OBJ_MATVIEW ||
                                            bo->kind == TIDE_OBJ_PARTITION ||
                                            bo->kind == TIDE_OBJ_TRIGGER || bo->kind == TIDE_OBJ_EVENT_TRIGGER);
            note(d, 0, "%s %s: %s changed", kind_name(bo), bo->name, options_only ? "options" : "definition");
            if (((kind_flags(bo) & TIDE_OBJK_ALTERABLE) || options_only) && same_name(d, ao->name, bo->name)) {
                object_op(d, TIDE_OP_ALTER_OBJECT, ao, bo);
                if (kind_flags(bo) & TIDE_OBJK_ALTER_REDOES)    /* what reads it is made again around it */
                    touch(d, &t, ao->schema, ao->name);
            } else {
                drop_object(d, ao, 0);
                create_object(d, bo, 0);
                touch(d, &t, ao->schema, ao->name);
                redo[ao - d->a->objects] = 1;
                continue;
            }
        } else if (!same_name(d, ao->name, bo->name) || strcmp(ao->name, bo->name)) {
            if (!same_name(d, ao->name, bo->name)) {
                note(d, 0, "%s %s renamed to %s", kind_name(bo), ao->name, bo->name);
                object_op(d, TIDE_OP_RENAME_OBJECT, ao, bo);
                touch(d, &t, ao->schema, ao->name);
            }
        } else if (copy_made_again(d, bo)) {
            note(d, 0, "%s %s is named again (its index is made again)", kind_name(bo), bo->name);
            object_op(d, TIDE_OP_ALTER_OBJECT, ao, bo);
        }
        if (!d->o->no_comments && (!same(ao->comment, bo->comment) || !same_column_comments(ao, bo)) &&
            (op = object_op(d, TIDE_OP_ALTER_OBJECT_COMMENT, ao, bo)) != NULL)
            op->kind = TIDE_OP_ALTER_OBJECT_COMMENT;
    }
    for (i = 0; i < d->a->nobjects && !d->failed; i++)
        if (!object_is_paired(d, &d->a->objects[i])) {
            const tide_table *into = moved(d, &d->a->objects[i]);
            tide_op *op;
            if (into) {                   /* detached: not a drop, its rows stay */
                if ((op = object_op(d, TIDE_OP_DROP_OBJECT, &d->a->objects[i], NULL)) != NULL)
                    op->table = into;
            } else {
                note(d, 0, "%s %s dropped", kind_name(&d->a->objects[i]), d->a->objects[i].name);
                drop_object(d, &d->a->objects[i], 0);
            }
            touch(d, &t, d->a->objects[i].schema, d->a->objects[i].name);
            redo[i] = 1;
        }
    touched_by_tables(d, &t);
    do {                          /* what reads a changed thing is created again */
        more = 0;
        for (i = 0; i < d->a->nobjects && !d->failed; i++) {
            const tide_object *ao = &d->a->objects[i];
            int j;
            if (redo[i] || (!((kind_flags(ao) & TIDE_OBJK_READS) && reads_touched(&t, ao)) &&
                            !on_rebuilt(d, ao) && !signature_names_replaced_enum(d, ao)))
                continue;             /* types, partitions follow what they use by its oid */
            for (j = 0; j < d->b->nobjects; j++)
                if (object_partner(d, &d->b->objects[j]) == ao)
                    break;
            redo[i] = more = 1;
            if (j == d->b->nobjects)
                continue;
            note(d, 0, "%s %s is created again (what it reads changes)", kind_name(ao), ao->name);
            drop_object(d, ao, signature_names_replaced_enum(d, ao) ? BEFORE_ENUMS : 1);
            create_object(d, &d->b->objects[j], 1);
            touch(d, &t, ao->schema, ao->name);
        }
    } while (more && !d->failed);
    if (!d->failed && redo)
        take_out(d, redo);
    tide_strset_free(&t);
    free(redo);
    order_objects(d, P_DROP_OBJECT, 1);
    order_objects(d, P_DROP_OBJECT_LATE, 1);
    order_objects(d, P_DROP_TYPE, 1);
    order_objects(d, P_CREATE_OBJECT_EARLY, 0);
    order_objects(d, P_CREATE_OBJECT, 0);
}

/* ---- the plan ------------------------------------------------------------- */

static void emit(differ *d)
{
    int i;
    diff_namespaces(d);
    diff_enums(d);
    for (i = 0; i < d->b->ntables && !d->failed; i++) {
        const tide_table *bt = d->b->tables[i], *at = partner_of_b(d, bt);
        if (at)
            diff_table(d, at, bt);
        else if (!move(d, bt, 0))
            create_table(d, bt);
    }
    for (i = 0; i < d->a->ntables && !d->failed; i++)
        if (!a_is_paired(d, d->a->tables[i]) && !move(d, d->a->tables[i], 1))
            drop_table(d, d->a->tables[i]);
    order_tables(d, P_CREATE_TABLE, 0);
    order_tables(d, P_DROP_TABLE, 1);
    keys_around_rebuilds(d);
    if (!d->failed)
        diff_objects(d);
}

/* Concatenates the phases into plan->ops. */
static int collect(differ *d)
{
    int p, total = 0;
    for (p = 0; p < NPHASES; p++)
        total += d->nphase[p];
    if (total && !(d->plan->ops = malloc(sizeof *d->plan->ops * (size_t)total)))
        return tide_err_set(d->err, TIDE_ENOMEM, "out of memory");
    for (p = 0; p < NPHASES; p++) {
        if (d->nphase[p])
            memcpy(d->plan->ops + d->plan->n, d->phase[p], sizeof *d->plan->ops * (size_t)d->nphase[p]);
        d->plan->n += d->nphase[p];
        free(d->phase[p]);
        d->phase[p] = NULL;
        d->nphase[p] = 0;
    }
    return 0;
}

static int run_pass(differ *d, tide_plan *plan)
{
    memset(plan, 0, sizeof *plan);
    plan->from = d->a;
    plan->to = d->b;
    d->plan = plan;
    d->nmoves = 0;
    if (!d->reversed && !d->failed)
        pair_tables(d);
    if (!d->failed)
        emit(d);
    if (d->failed) {
        int p;
        for (p = 0; p < NPHASES; p++) {
            free(d->phase[p]);
            d->phase[p] = NULL;
            d->nphase[p] = 0;
        }
        tide_plan_free(plan);
        return d->failed;
    }
    return collect(d);
}

const char *tide_plan_fill(const tide_plan *plan, const tide_table *t, const char *column)
{
    int i;
    for (i = 0; i < plan->nfills; i++)
        if (plan->fills[i].table == t && !strcmp(plan->fills[i].column, column))
            return plan->fills[i].expr;
    return NULL;
}

int tide_diff(const tide_schema *from, const tide_schema *to, const tide_diff_opts *opts,
              tide_plan *up, tide_plan *down, tide_err *err)
{
    static const tide_diff_opts none;
    differ d;
    int rc;
    memset(&d, 0, sizeof d);
    d.a = from;
    d.b = to;
    d.o = opts ? opts : &none;
    d.err = err;
    d.nocase = from->nocase || to->nocase;
    d.declared = from->declared_types && to->declared_types;
    d.hierarchies = any_inherits(from) || any_inherits(to);
    if (!from->finished || !to->finished)
        return tide_err_set(err, TIDE_EINVAL, "tide_diff needs finished schemas (tide_schema_finish)");
    d.cols = calloc(1, sizeof *d.cols);     /* NULL: columns found by a scan */
    rc = run_pass(&d, up);
    if (rc == 0 && down) {
        static const tide_diff_opts quiet;
        tide_diff_opts reversed = *d.o;
        reversed.explain = quiet.explain;       /* each difference is told once */
        reversed.ask_rename = NULL;
        d.o = &reversed;
        d.a = to;
        d.b = from;
        d.reversed = 1;                         /* the same renames, turned around */
        if ((rc = run_pass(&d, down)) < 0)
            tide_plan_free(up);
    }
    free(d.dec);
    free(d.moves);
    colcache_free(d.cols);
    return rc;
}

void tide_plan_free(tide_plan *plan)
{
    int i;
    if (!plan)
        return;
    for (i = 0; i < plan->nwarnings; i++)
        free(plan->warnings[i]);
    free(plan->warnings);
    for (i = 0; i < plan->nmade; i++) {
        free(plan->made[i]->columns);
        free(plan->made[i]);
    }
    free(plan->made);
    free(plan->ops);
    memset(plan, 0, sizeof *plan);
}

int tide_op_describe(const tide_op *op, tide_buf *out)
{
    const tide_table *t = op->table ? op->table : op->old_table;
    char tn[300];
    if (t)
        qname(t, tn, sizeof tn);
    else
        tn[0] = '\0';
    switch (op->kind) {
    case TIDE_OP_CREATE_NAMESPACE: return tide_buf_printf(out, "create schema %s", op->namespace_name);
    case TIDE_OP_DROP_NAMESPACE:   return tide_buf_printf(out, "drop schema %s", op->namespace_name);
    case TIDE_OP_DROP_DEFAULT:     return tide_buf_printf(out, "drop the default of %s.%s first", op->old_table->name,
                                                          op->old_column->name);
    case TIDE_OP_CREATE_ENUM:      return tide_buf_printf(out, "create enum %s", op->enumt->name);
    case TIDE_OP_ADD_ENUM_VALUE:   return tide_buf_printf(out, "add value '%s' to enum %s", op->value, op->enumt->name);
    case TIDE_OP_RENAME_ENUM_VALUE: return tide_buf_printf(out, "rename value '%s' of enum %s to '%s'", op->old_name,
                                                           op->enumt->name, op->new_name);
    case TIDE_OP_REPLACE_ENUM:     return tide_buf_printf(out, "replace enum %s (values removed or reordered)", op->enumt->name);
    case TIDE_OP_DROP_ENUM:        return tide_buf_printf(out, op->enumt ? "drop the previous type of enum %s"
                                                          : "drop enum %s", op->old_enum->name);
    case TIDE_OP_DROP_FK:          return tide_buf_printf(out, "drop foreign key %s on %s", op->fk->name, tn);
    case TIDE_OP_DROP_INDEX:       return tide_buf_printf(out, "drop index %s on %s", op->index->name, tn);
    case TIDE_OP_DROP_UNIQUE:      return tide_buf_printf(out, "drop unique %s on %s", op->unique->name, tn);
    case TIDE_OP_DROP_CHECK:       return tide_buf_printf(out, "drop check %s on %s", op->check->name, tn);
    case TIDE_OP_DROP_PRIMARY_KEY: return tide_buf_printf(out, "drop primary key of %s", tn);
    case TIDE_OP_RENAME_TABLE: {
        char old[300];
        return tide_buf_printf(out, "rename table %s to %s", qname(op->old_table, old, sizeof old), tn);
    }
    case TIDE_OP_RENAME_COLUMN:    return tide_buf_printf(out, "rename column %s.%s to %s", tn, op->old_column->name, op->column->name);
    case TIDE_OP_RENAME_CONSTRAINT: return tide_buf_printf(out, "rename constraint %s on %s to %s", op->old_name, tn, op->new_name);
    case TIDE_OP_RENAME_INDEX:     return tide_buf_printf(out, "rename index %s on %s to %s", op->old_name, tn, op->new_name);
    case TIDE_OP_DROP_TABLE: {
        char old[300];
        return tide_buf_printf(out, "drop table %s", qname(op->old_table, old, sizeof old));
    }
    case TIDE_OP_CREATE_TABLE:     return tide_buf_puts(out, "create table ") < 0 ? TIDE_ENOMEM : tide_buf_puts(out, tn);
    case TIDE_OP_ADD_COLUMN:       return tide_buf_printf(out, "add column %s.%s", tn, op->column->name);
    case TIDE_OP_ALTER_COLUMN:     return tide_buf_printf(out, "alter column %s.%s", tn, op->column->name);
    case TIDE_OP_DROP_COLUMN:      return tide_buf_printf(out, "drop column %s.%s", tn, op->old_column->name);
    case TIDE_OP_ALTER_TABLE_COMMENT: return op->index ? tide_buf_printf(out, "comment on index %s of table %s",
                                                                         op->index->name, tn)
                                                       : tide_buf_printf(out, "comment on table %s", tn);
    case TIDE_OP_ADD_PRIMARY_KEY:  return tide_buf_printf(out, "add primary key to %s", tn);
    case TIDE_OP_ADD_UNIQUE:       return tide_buf_printf(out, "add unique %s on %s", op->unique->name, tn);
    case TIDE_OP_ADD_CHECK:        return tide_buf_printf(out, "add check %s on %s", op->check->name, tn);
    case TIDE_OP_CREATE_INDEX:     return tide_buf_printf(out, "create index %s on %s", op->index->name, tn);
    case TIDE_OP_ADD_FK:           return tide_buf_printf(out, "add foreign key %s on %s", op->fk->name, tn);
    case TIDE_OP_ALTER_TABLE_OPTIONS: return tide_buf_printf(out, "change the options of table %s", tn);
    case TIDE_OP_CLUSTER_ON:
        return op->table->cluster_on ? tide_buf_printf(out, "cluster table %s on %s", tn, op->table->cluster_on)
                                     : tide_buf_printf(out, "leave table %s unclustered", tn);
    case TIDE_OP_REPLICA_IDENTITY:
        return tide_buf_printf(out, "replica identity of table %s: %s", tn,
                               op->table->replica_identity ? op->table->replica_identity : "default");
    case TIDE_OP_VALIDATE_CONSTRAINT: return tide_buf_printf(out, "validate constraint %s on %s", op->new_name, tn);
    case TIDE_OP_REBUILD_TABLE:    return tide_buf_printf(out, "rebuild table %s (its columns in the definitions' "
                                                          "order: columnOrder = rebuild)", tn);
    case TIDE_OP_COMMENT:
        if (op->namespace_name)
            return tide_buf_printf(out, "comment on schema %s", op->namespace_name);
        if (op->enumt)
            return tide_buf_printf(out, "comment on enum %s", op->enumt->name);
        if (op->column)
            return tide_buf_printf(out, "comment on the sequence of %s.%s", tn, op->column->name);
        return tide_buf_printf(out, "comment on constraint %s on %s", op->new_name, tn);
    case TIDE_OP_DROP_OBJECT: case TIDE_OP_CREATE_OBJECT: case TIDE_OP_RENAME_OBJECT:
    case TIDE_OP_ALTER_OBJECT: case TIDE_OP_ALTER_OBJECT_COMMENT: {
        const tide_object *o = op->object ? op->object : op->old_object;
        const char *verb = op->kind == TIDE_OP_DROP_OBJECT ? "drop" : op->kind == TIDE_OP_CREATE_OBJECT ? "create"
                           : op->kind == TIDE_OP_RENAME_OBJECT ? "rename" : op->kind == TIDE_OP_ALTER_OBJECT
                           ? "alter" : "comment on";
        if (tide_buf_printf(out, "%s %s %s%s%s", verb, tide_object_kinds[o->kind].name,
                            o->schema ? o->schema : "", o->schema ? "." : "", o->name) < 0)
            return TIDE_ENOMEM;
        if (o->table && tide_buf_printf(out, " on %s%s%s", o->table_schema ? o->table_schema : "",
                                        o->table_schema ? "." : "", o->table) < 0)
            return TIDE_ENOMEM;
        if (op->kind == TIDE_OP_RENAME_OBJECT && !same(op->old_object->schema, o->schema))  /* set schema */
            return tide_buf_printf(out, " (was %s.%s)", op->old_object->schema ? op->old_object->schema : "public",
                                   op->old_object->name);
        if (op->kind == TIDE_OP_RENAME_OBJECT)
            return tide_buf_printf(out, " (was %s)", op->old_object->name);
        return op->recreate ? tide_buf_puts(out, " (again: what it reads changes)") : 0;
    }
    }
    return tide_buf_puts(out, "unknown operation");
}

static int push_entry(tide_sql_list *l, tide_sql_kind kind, const char *text, size_t len, tide_err *err)
{
    char *copy;
    if (tide_list_reserve(&l->items, l->n, sizeof *l->items) < 0 ||
        tide_list_reserve(&l->kinds, l->n, sizeof *l->kinds) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (!(copy = malloc(len + 1)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    l->kinds[l->n] = kind;
    l->items[l->n++] = copy;
    return 0;
}

int tide_sql_list_push(tide_sql_list *l, const char *sql, size_t len, tide_err *err)
{
    return push_entry(l, TIDE_SQL_STATEMENT, sql, len, err);
}

int tide_sql_list_push_kind(tide_sql_list *l, tide_sql_kind kind, const char *text, tide_err *err)
{
    return push_entry(l, kind, text, strlen(text), err);
}

void tide_sql_list_free(tide_sql_list *l)
{
    int i;
    if (!l)
        return;
    for (i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    free(l->kinds);
    memset(l, 0, sizeof *l);
}

/* ---- what an altered column changes (schema:drift -v) --------------------- */

static const char *or_none(const char *s) { return s ? s : "none"; }

static int change_item(tide_buf *out, int *n, const char *what, const char *from, const char *to)
{
    return tide_buf_printf(out, "%s%s %s → %s", (*n)++ ? ", " : ": ", what, from, to);
}

int tide_op_describe_changes(const tide_op *op, tide_buf *out)
{
    const tide_column *a = op->old_column, *b = op->column;
    unsigned c = op->changes;
    int n = 0, rc = 0;
    if (op->kind != TIDE_OP_ALTER_COLUMN || !a || !b)
        return 0;
    if (c & TIDE_CHANGE_TYPE)
        rc |= change_item(out, &n, "type", a->declared && b->declared ? a->declared : a->type,
                          a->declared && b->declared ? b->declared : b->type);
    if (c & TIDE_CHANGE_NULLABLE && a->nullable != b->nullable)
        rc |= change_item(out, &n, "nullable", a->nullable ? "yes" : "no", b->nullable ? "yes" : "no");
    if (c & TIDE_CHANGE_NULLABLE && !same(a->not_null_conflict, b->not_null_conflict))
        rc |= change_item(out, &n, "not null on conflict", or_none(a->not_null_conflict),
                          or_none(b->not_null_conflict));
    if (c & TIDE_CHANGE_DEFAULT)
        rc |= change_item(out, &n, "default", or_none(a->default_expr), or_none(b->default_expr));
    if (c & TIDE_CHANGE_COMMENT)
        rc |= change_item(out, &n, "comment", or_none(a->comment), or_none(b->comment));
    if (c & TIDE_CHANGE_COLLATION)
        rc |= change_item(out, &n, "collation", or_none(a->collation), or_none(b->collation));
    if (c & TIDE_CHANGE_AUTOINCREMENT)
        rc |= change_item(out, &n, "autoincrement", a->autoincrement ? "yes" : "no", b->autoincrement ? "yes" : "no");
    if (c & TIDE_CHANGE_GENERATED)
        rc |= change_item(out, &n, "generated", or_none(a->generated), or_none(b->generated));
    return rc ? TIDE_ENOMEM : 0;
}
