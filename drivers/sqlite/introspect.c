/* introspect.c — reads a live SQLite database into tide's schema model.
 * Four queries whatever the number of tables: sqlite_master joined with the
 * pragma table-valued functions. What the pragmas do not say (constraint
 * names, check expressions, DEFERRABLE, ON CONFLICT clauses, enum checks,
 * index expressions and predicates) comes from sqlite_master.sql, read with
 * a small tokenizer. */
#include "sqlite_internal.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* sqlite_master rather than its newer alias sqlite_schema (3.33+). Names
 * starting "sqlite_" are SQLite's own; a virtual table is an object of its
 * own (below), and the shadow tables that hold its rows are its module's
 * (PRAGMA table_list says "shadow", SQLite 3.37+): neither is a table. */
#define USER_TABLES "m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\' " \
                    "and m.sql not like 'create virtual %' and m.name not in " \
                    "(select l.name from pragma_table_list l where l.schema = 'main' and l.type = 'shadow')"

static const char q_tables[] =
    "select m.name, m.sql from main.sqlite_master m where " USER_TABLES " order by m.name";
static const char q_columns[] =
    "select m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
    "from main.sqlite_master m join pragma_table_xinfo(m.name, 'main') p "
    "where " USER_TABLES " order by m.name, p.cid";
static const char q_indexes[] =
    "select m.name, il.name, il.\"unique\", il.origin, il.partial, s.sql, ix.cid, ix.name, ix.\"desc\", ix.coll "
    "from main.sqlite_master m join pragma_index_list(m.name, 'main') il "
    "join pragma_index_xinfo(il.name, 'main') ix "
    "left join main.sqlite_master s on s.type = 'index' and s.name = il.name "
    "where " USER_TABLES " and il.origin in ('c', 'u') and ix.key = 1 "
    "order by m.name, il.origin, "       /* a table's unique constraints in the order declared: */
    "case when il.name like 'sqlite\\_autoindex\\_%' escape '\\' "   /* sqlite_autoindex_<table>_<n> */
    "then cast(substr(il.name, length(m.name) + 19) as integer) end, il.name, ix.seqno";
/* Key columns sorted DESC (PRIMARY KEY (a, b DESC), a column's INTEGER
 * PRIMARY KEY DESC, which is no rowid): the key's own index says so. A
 * rowid table's PRIMARY KEY (id DESC) is the rowid, which has no index and
 * no order. */
static const char q_desc_keys[] =
    "select m.name, ix.name from main.sqlite_master m join pragma_index_list(m.name, 'main') il "
    "join pragma_index_xinfo(il.name, 'main') ix "
    "where " USER_TABLES " and il.origin = 'pk' and ix.key = 1 and ix.\"desc\" = 1 "
    "order by m.name, ix.seqno";
/* SQLite numbers a table's foreign keys from the last one written: id
 * descending is the order of the CREATE TABLE text. */
static const char q_fks[] =
    "select m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
    "from main.sqlite_master m join pragma_foreign_key_list(m.name, 'main') f "
    "where " USER_TABLES " order by m.name, f.id desc, f.seq";

/* Views, triggers and virtual tables: objects beside the tables. */
static const char q_objects[] =
    "select m.type, m.name, m.tbl_name, m.sql from main.sqlite_master m "
    "where m.sql is not null and (m.type in ('view', 'trigger') or "
    "(m.type = 'table' and m.sql like 'create virtual %')) order by m.type, m.name";

static atomic_int queries;

int sqlite_introspect__queries(void)
{
    return atomic_load(&queries);
}

/* ---- what the CREATE statements say ------------------------------------ */

enum con_kind { CON_PK = 1, CON_UNIQUE, CON_CHECK, CON_FK, CON_COLLATE, CON_ENUM_TYPE, CON_GENERATED,
                CON_NOT_NULL };

/* A constraint or column attribute read from a CREATE TABLE, in text order.
 * Strings live in the reader's scratch memory. */
typedef struct con {
    enum con_kind kind;
    const char *name;       /* CONSTRAINT name; NULL: unnamed */
    const char *column;     /* written in this column's definition; NULL: a table constraint */
    char **cols;            /* PK, UNIQUE, FK: the key columns as written */
    int ncols;
    const char *text;       /* CHECK, GENERATED: the expression; COLLATE: the collation;
                               ENUM_TYPE: E of "E text" */
    const char *ref_table;  /* FK: REFERENCES table */
    const char *conflict;   /* PK, UNIQUE, NOT_NULL: ON CONFLICT's resolution; NULL: none */
    int deferrable, initially_deferred, autoinc;
    int used;               /* matched with what the pragmas report */
} con;

typedef struct tinfo {
    tide_table *t;
    int without_rowid;
    int con0, ncon;         /* its constraints: reader.cons[con0 .. con0 + ncon) */
} tinfo;

/* The group of rows being read: one index, or one foreign key. */
typedef struct group {
    tinfo *ti;              /* NULL: none */
    const char *name, *sql; /* index name and CREATE INDEX (scratch) */
    int origin, unique, partial, has_expr;
    int fk_id, fk_at;       /* foreign key: pragma id, position in t->fks */
    char **cols;            /* index columns ("a", "b desc"), scratch strings */
    int ncols, capcols;
} group;

typedef struct pk_col { int pos; const char *name; } pk_col;

/* A key column sorted DESC (q_desc_keys), its name in scratch memory. */
typedef struct desc_col { const tinfo *ti; const char *name; } desc_col;

typedef struct chunk { struct chunk *next; size_t used, cap; } chunk;

typedef struct reader {
    sqlite3 *db;
    const tide_introspect_opts *opts;
    tide_schema *out;
    tide_err *err;
    chunk *scratch;         /* parse results, freed at the end */
    tinfo *tabs;            /* sorted by name, as the queries are */
    int ntabs, captabs, pos;
    con *cons;
    int ncons, capcons;
    tinfo *cur;             /* columns: the table being read */
    pk_col *pks;            /* its primary key columns so far */
    int npks, cappks, integer_pk;
    desc_col *descs;        /* every table's key columns sorted DESC, read before the columns */
    int ndescs, capdescs;
    group g;
    char **vals;            /* enum values of one check */
    int nvals, capvals;
    const char **enum_owner; /* parallel to out->enums: the table it was read from */
    int capowners;
    tide_buf buf;
} reader;

static int nomem(reader *r)
{
    return tide_err_set(r->err, TIDE_ENOMEM, "out of memory");
}

/* Grows a vector of size-byte items to hold one more. */
static int reserve(void **items, int n, int *cap, size_t size)
{
    void *p;
    int want;
    if (n < *cap)
        return 0;
    want = *cap ? *cap * 2 : 16;
    if (!(p = realloc(*items, (size_t)want * size)))
        return TIDE_ENOMEM;
    *items = p;
    *cap = want;
    return 0;
}

/* ---- scratch memory ------------------------------------------------------ */

#define CHUNK_SIZE 65536

static void *scratch_alloc(reader *r, size_t n)
{
    chunk *c = r->scratch;
    char *p;
    n = (n + 7) & ~(size_t)7;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        if (!(c = malloc(sizeof *c + cap)))
            return NULL;
        c->next = r->scratch;
        c->used = 0;
        c->cap = cap;
        r->scratch = c;
    }
    p = (char *)(c + 1) + c->used;
    c->used += n;
    return p;
}

static char *scratch_strn(reader *r, const char *s, size_t n)
{
    char *p = scratch_alloc(r, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* ---- tokens -------------------------------------------------------------- */

enum tk { TK_END, TK_WORD, TK_QUOTED, TK_STRING, TK_LP, TK_RP, TK_COMMA, TK_OTHER };

typedef struct token {
    enum tk kind;
    const char *p;
    size_t n;
} token;

/* Past white space and comments, SQLite's grammar for both. */
static const char *skip_space(const char *p)
{
    for (;;) {
        while (*p && strchr(" \t\n\r\f\v", *p))
            p++;
        if (p[0] == '-' && p[1] == '-') {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else {
            return p;
        }
    }
}

static int word_char(unsigned char ch)
{
    return isalnum(ch) || ch == '_' || ch == '$' || ch >= 0x80;
}

/* Past the quoted run opened at p: ' " ` escape their quote by doubling it,
 * [ ] has no escape. An unterminated run ends with the text. */
static const char *skip_quoted(const char *p)
{
    char close = *p == '[' ? ']' : *p;
    for (p++; *p; p++) {
        if (*p != close)
            continue;
        if (close != ']' && p[1] == close)
            p++;
        else
            return p + 1;
    }
    return p;
}

static const char *lex(const char *p, token *t)
{
    p = skip_space(p);
    t->p = p;
    switch (*p) {
    case '\0': t->kind = TK_END; break;
    case '\'': t->kind = TK_STRING; p = skip_quoted(p); break;
    case '"': case '`': case '[': t->kind = TK_QUOTED; p = skip_quoted(p); break;
    case '(': t->kind = TK_LP; p++; break;
    case ')': t->kind = TK_RP; p++; break;
    case ',': t->kind = TK_COMMA; p++; break;
    default:
        if (word_char((unsigned char)*p)) {
            t->kind = TK_WORD;
            while (word_char((unsigned char)*p))
                p++;
        } else {
            t->kind = TK_OTHER;
            p++;
        }
    }
    t->n = (size_t)(p - t->p);
    return p;
}

/* p is just past a '(': returns the end of its group, *close at the ')'. */
static const char *skip_group(const char *p, const char **close)
{
    token t;
    int depth = 1;
    for (;;) {
        p = lex(p, &t);
        if (t.kind == TK_LP)
            depth++;
        if (t.kind == TK_END || (t.kind == TK_RP && --depth == 0)) {
            *close = t.p;
            return p;
        }
    }
}

static int is_kw(const token *t, const char *kw)
{
    size_t n = strlen(kw);
    return t->kind == TK_WORD && t->n == n && !sqlite3_strnicmp(t->p, kw, (int)n);
}

static int is_name(const token *t)
{
    return t->kind == TK_WORD || t->kind == TK_QUOTED || t->kind == TK_STRING;
}

/* A name or string token without its quotes, in scratch memory. */
static char *dequote(reader *r, const token *t)
{
    const char *p = t->p, *end = t->p + t->n;
    char close, *out, *o;
    if (t->kind != TK_QUOTED && t->kind != TK_STRING)
        return scratch_strn(r, t->p, t->n);
    close = *p == '[' ? ']' : *p;
    if (end > p + 1 && end[-1] == close)
        end--;
    if (!(out = o = scratch_alloc(r, t->n + 1)))
        return NULL;
    for (p++; p < end; p++) {
        *o++ = *p;
        if (*p == close && close != ']' && p + 1 < end && p[1] == close)
            p++;
    }
    *o = '\0';
    return out;
}

static char *trimmed(reader *r, const char *p, const char *end)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    return scratch_strn(r, p, (size_t)(end - p));
}

/* ---- CREATE TABLE -------------------------------------------------------- */

/* One column definition or table constraint being read. */
typedef struct item {
    reader *r;
    const char *column;     /* a column definition: its name; NULL: a table constraint */
    int cur;                /* the constraint being read, index in r->cons; -1: none */
    const char *name;       /* a CONSTRAINT name waiting for its constraint */
    int after_set;          /* the previous word was SET (ON DELETE SET NULL) */
    int after_not_null;     /* the previous words were NOT NULL */
} item;

static con *push_con(item *it, enum con_kind kind)
{
    reader *r = it->r;
    con *c;
    if (reserve((void **)&r->cons, r->ncons, &r->capcons, sizeof *r->cons) < 0)
        return NULL;
    c = &r->cons[r->ncons];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->column = it->column;
    if (it->column && (kind == CON_PK || kind == CON_UNIQUE || kind == CON_FK)) {
        if (!(c->cols = scratch_alloc(r, sizeof *c->cols)))
            return NULL;
        c->cols[0] = (char *)it->column;
        c->ncols = 1;
    }
    r->ncons++;
    return c;
}

static int start(item *it, enum con_kind kind)
{
    con *c = push_con(it, kind);
    if (!c)
        return TIDE_ENOMEM;
    c->name = it->name;
    it->name = NULL;
    it->cur = it->r->ncons - 1;
    return 0;
}

/* The key columns of "(a, "b" collate nocase desc)": each element's first token. */
static int key_list(reader *r, con *c, const char *p, const char *end)
{
    token t;
    const char *q, *close;
    int n = 1, first = 1;
    for (q = lex(p, &t); t.kind != TK_END && t.p < end; q = lex(q, &t))
        n += t.kind == TK_COMMA;
    if (!(c->cols = scratch_alloc(r, sizeof *c->cols * (size_t)n)))
        return TIDE_ENOMEM;
    for (q = lex(p, &t); t.kind != TK_END && t.p < end; q = lex(q, &t)) {
        if (t.kind == TK_LP)
            q = skip_group(q, &close);
        if (first && is_name(&t) && !(c->cols[c->ncols++] = dequote(r, &t)))
            return TIDE_ENOMEM;
        first = t.kind == TK_COMMA;
    }
    return 0;
}

static int on_group(item *it, const char **pp)
{
    const char *inner = *pp, *close;
    con *c = it->cur >= 0 ? &it->r->cons[it->cur] : NULL;
    *pp = skip_group(*pp, &close);
    if (!c)
        return 0;
    if ((c->kind == CON_CHECK || c->kind == CON_GENERATED) && !c->text)
        return (c->text = trimmed(it->r, inner, close)) ? 0 : TIDE_ENOMEM;
    if ((c->kind == CON_PK || c->kind == CON_UNIQUE || c->kind == CON_FK) &&
        !c->ncols && !c->ref_table)
        return key_list(it->r, c, inner, close);
    return 0;
}

/* REFERENCES t: ends a table's FOREIGN KEY (cols), or is a column's own. */
static int references(item *it, const char **pp, token *t)
{
    reader *r = it->r;
    con *c = it->cur >= 0 ? &r->cons[it->cur] : NULL;
    int rc;
    if (!c || c->kind != CON_FK || c->ref_table || it->column) {
        if ((rc = start(it, CON_FK)) < 0)
            return rc;
        c = &r->cons[it->cur];
    }
    *pp = lex(*pp, t);
    if (!is_name(t))
        return 0;
    return (c->ref_table = dequote(r, t)) ? 0 : TIDE_ENOMEM;
}

/* The words of a foreign key's clauses; 0 when the word is not one. */
static int fk_word(item *it, con *c, const char **pp, token *t, int after_set)
{
    token next;
    const char *q = lex(*pp, &next);
    if (is_kw(t, "set")) {
        it->after_set = 1;
    } else if (after_set && (is_kw(t, "null") || is_kw(t, "default"))) {
        /* SET NULL, SET DEFAULT: actions, not column constraints */
    } else if (is_kw(t, "not") && is_kw(&next, "deferrable")) {
        *pp = q;
        c->deferrable = 0;
    } else if (is_kw(t, "deferrable")) {
        c->deferrable = 1;
    } else if (is_kw(t, "initially")) {
        *pp = q;                        /* NOT DEFERRABLE INITIALLY DEFERRED is immediate */
        c->initially_deferred = c->deferrable && is_kw(&next, "deferred");
    } else {
        return 0;
    }
    return 1;
}

/* CONSTRAINT name: kept for the constraint that follows. */
static int constraint_name(item *it, const char **pp, token *t)
{
    *pp = lex(*pp, t);
    if (!is_name(t))
        return 0;
    return (it->name = dequote(it->r, t)) ? 0 : TIDE_ENOMEM;
}

/* A column's COLLATE name. */
static int collate(item *it, const char **pp, token *t)
{
    con *c;
    *pp = lex(*pp, t);
    if (!is_name(t))
        return 0;
    if (!(c = push_con(it, CON_COLLATE)) || !(c->text = dequote(it->r, t)))
        return TIDE_ENOMEM;
    return 0;
}

/* ON CONFLICT word, after NOT NULL, or in a PRIMARY KEY or a UNIQUE. */
static int conflict_clause(item *it, const char **pp, token *t, int after_not_null)
{
    con *c = it->cur >= 0 ? &it->r->cons[it->cur] : NULL;
    *pp = lex(lex(*pp, t), t);           /* past CONFLICT, at its word */
    if (!is_name(t))
        return 0;
    if (after_not_null && it->column && !(c = push_con(it, CON_NOT_NULL)))
        return TIDE_ENOMEM;
    if (!c || (c->kind != CON_PK && c->kind != CON_UNIQUE && c->kind != CON_NOT_NULL))
        return 0;
    return (c->conflict = dequote(it->r, t)) ? 0 : TIDE_ENOMEM;
}

static int item_token(item *it, const char **pp, token *t)
{
    con *c = it->cur >= 0 ? &it->r->cons[it->cur] : NULL;
    int after_set = it->after_set, after_not_null = it->after_not_null;
    token next;
    it->after_set = it->after_not_null = 0;
    if (t->kind == TK_LP)
        return on_group(it, pp);
    if (t->kind != TK_WORD)
        return 0;
    if (is_kw(t, "on") && (lex(*pp, &next), is_kw(&next, "conflict")))
        return conflict_clause(it, pp, t, after_not_null);
    if (is_kw(t, "not") && (lex(*pp, &next), is_kw(&next, "null"))) {
        *pp = lex(*pp, &next);
        it->after_not_null = 1;
        it->cur = -1;                   /* NOT NULL itself: from the pragmas */
        it->name = NULL;
        return 0;
    }
    if (is_kw(t, "constraint"))
        return constraint_name(it, pp, t);
    if (is_kw(t, "primary"))
        return start(it, CON_PK);
    if (is_kw(t, "unique"))
        return start(it, CON_UNIQUE);
    if (is_kw(t, "check"))
        return start(it, CON_CHECK);
    if (is_kw(t, "foreign"))
        return start(it, CON_FK);
    if (is_kw(t, "references"))
        return references(it, pp, t);
    if (c && c->kind == CON_FK && fk_word(it, c, pp, t, after_set))
        return 0;
    if (c && c->kind == CON_PK && is_kw(t, "autoincrement")) {
        c->autoinc = 1;
    } else if (is_kw(t, "as") && it->column) {
        return start(it, CON_GENERATED);    /* [GENERATED ALWAYS] AS (expr): the group next */
    } else if (is_kw(t, "collate") || is_kw(t, "not") || is_kw(t, "null") ||
               is_kw(t, "default") || is_kw(t, "generated") || is_kw(t, "as")) {
        it->cur = -1;                   /* constraints tide reads from the pragmas */
        it->name = NULL;
        if (is_kw(t, "collate") && it->column)
            return collate(it, pp, t);
    }
    return 0;
}

static int ends_type(const token *t)
{
    static const char *const kw[] = { "constraint", "primary", "unique", "check", "references",
                                      "not", "null", "default", "collate", "generated", "as", NULL };
    int i;
    for (i = 0; kw[i]; i++)
        if (is_kw(t, kw[i]))
            return 1;
    return 0;
}

/* Past a column's declared type; t ends on the token after it. A type of two
 * words "E text" is how tide writes an enum column (confirmed by its check). */
static int column_type(item *it, const char **pp, token *t)
{
    token first = { TK_END, NULL, 0 }, second = first;
    const char *close;
    int n = 0;
    con *c;
    for (*pp = lex(*pp, t); t->kind != TK_END && t->kind != TK_COMMA && t->kind != TK_RP &&
                            !ends_type(t); *pp = lex(*pp, t)) {
        if (n == 0)
            first = *t;
        else if (n == 1)
            second = *t;
        n++;
        if (t->kind == TK_LP)
            *pp = skip_group(*pp, &close);
    }
    if (n != 2 || (first.kind != TK_WORD && first.kind != TK_QUOTED) || !is_kw(&second, "text"))
        return 0;
    if (!(c = push_con(it, CON_ENUM_TYPE)) || !(c->text = dequote(it->r, &first)))
        return TIDE_ENOMEM;
    return 0;
}

static int starts_table_constraint(const token *t)
{
    return is_kw(t, "constraint") || is_kw(t, "primary") || is_kw(t, "unique") ||
           is_kw(t, "check") || is_kw(t, "foreign");
}

/* One column definition or table constraint; t ends on the ',' or ')' after it. */
static int parse_item(reader *r, const char **pp, token *t)
{
    item it = { r, NULL, -1, NULL, 0, 0 };
    int rc = 0;
    *pp = lex(*pp, t);
    if (is_name(t) && !starts_table_constraint(t)) {
        if (!(it.column = dequote(r, t)))
            return TIDE_ENOMEM;
        if ((rc = column_type(&it, pp, t)) < 0)
            return rc;
    }
    while (t->kind != TK_COMMA && t->kind != TK_RP && t->kind != TK_END) {
        if ((rc = item_token(&it, pp, t)) < 0)
            return rc;
        *pp = lex(*pp, t);
    }
    return 0;
}

static int parse_table(reader *r, tinfo *ti, const char *sql)
{
    token t;
    const char *p = sql;
    int rc;
    ti->con0 = r->ncons;
    do
        p = lex(p, &t);
    while (t.kind != TK_LP && t.kind != TK_END);
    while (t.kind == TK_LP || t.kind == TK_COMMA)
        if ((rc = parse_item(r, &p, &t)) < 0)
            return rc;
    if (t.kind == TK_RP) {             /* table options: WITHOUT ROWID, STRICT */
        for (p = lex(p, &t); t.kind != TK_END; p = lex(p, &t)) {
            if (is_kw(&t, "rowid"))
                ti->without_rowid = 1;
            else if (is_kw(&t, "strict"))
                ti->t->options |= TIDE_TABLE_STRICT;
        }
    }
    if (ti->without_rowid)
        ti->t->options |= TIDE_TABLE_WITHOUT_ROWID;
    ti->ncon = r->ncons - ti->con0;
    return 0;
}

/* ---- CREATE INDEX -------------------------------------------------------- */

/* The key list and the WHERE predicate of a CREATE INDEX (NULL: none). */
static int parse_index(reader *r, const char *sql, char **keys, char **where)
{
    token t;
    const char *p = sql, *inner, *close;
    *keys = *where = NULL;
    if (!sql)
        return 0;
    do
        p = lex(p, &t);
    while (t.kind != TK_END && !is_kw(&t, "on"));
    do
        p = lex(p, &t);
    while (t.kind != TK_END && t.kind != TK_LP);
    if (t.kind == TK_END)
        return 0;
    inner = p;
    p = skip_group(p, &close);
    if (!(*keys = trimmed(r, inner, close)))
        return TIDE_ENOMEM;
    p = lex(p, &t);
    if (is_kw(&t, "where") && !(*where = trimmed(r, p, p + strlen(p))))
        return TIDE_ENOMEM;
    return 0;
}

/* ---- running the queries -------------------------------------------------- */

static int query_fail(reader *r, int rc, const char *what, const char *sql)
{
    if ((rc & 0xff) == SQLITE_NOMEM)
        return nomem(r);
    if ((rc & 0xff) == SQLITE_BUSY)
        tide_err_set(r->err, TIDE_ESQL, "cannot read the %s of the SQLite schema: the "
                     "database is locked by another process", what);
    else
        tide_err_set(r->err, TIDE_ESQL, "cannot read the %s of the SQLite schema: SQL error: %s",
                     what, sqlite3_errmsg(r->db));
    tide_err_set_sql(r->err, sql);
    return TIDE_ESQL;
}

typedef int (*row_fn)(reader *r, sqlite3_stmt *st);

static int run(reader *r, const char *what, const char *sql, row_fn on_row)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(r->db, sql, -1, &st, NULL);
    atomic_fetch_add(&queries, 1);
    r->pos = 0;
    if (rc != SQLITE_OK) {
        rc = query_fail(r, rc, what, sql);
        goto done;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if ((rc = on_row(r, st)) < 0)
            goto done;
    rc = rc == SQLITE_DONE ? 0 : query_fail(r, rc, what, sql);
done:
    sqlite3_finalize(st);
    return rc;
}

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* The table of a row: rows come sorted by table name, as r->tabs is. */
static tinfo *table_of(reader *r, const char *name)
{
    int c = 1;
    if (!name)
        return NULL;
    while (r->pos < r->ntabs && (c = strcmp(r->tabs[r->pos].t->name, name)) < 0)
        r->pos++;
    return r->pos < r->ntabs && c == 0 ? &r->tabs[r->pos] : NULL;
}

/* Any table, by name as SQLite compares names: exact first, then ASCII case. */
static tinfo *find_table(reader *r, const char *name)
{
    int lo = 0, hi = r->ntabs - 1, i;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, c = strcmp(r->tabs[mid].t->name, name);
        if (c == 0)
            return &r->tabs[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    for (i = 0; i < r->ntabs; i++)
        if (!sqlite3_stricmp(r->tabs[i].t->name, name))
            return &r->tabs[i];
    return NULL;
}

static con *find_con(reader *r, const tinfo *ti, enum con_kind kind, const char *column)
{
    int i;
    for (i = ti->con0; i < ti->con0 + ti->ncon; i++) {
        con *c = &r->cons[i];
        if (c->kind == kind && (!column || (c->column && !sqlite3_stricmp(c->column, column))))
            return c;
    }
    return NULL;
}

/* ---- tables --------------------------------------------------------------- */

static int excluded(const reader *r, const char *name)
{
    int i;
    for (i = 0; r->opts && i < r->opts->nexclude; i++)
        if (r->opts->exclude[i] && !sqlite3_stricmp(r->opts->exclude[i], name))
            return 1;
    return 0;
}

static int on_table(reader *r, sqlite3_stmt *st)
{
    const char *name = text(st, 0), *sql = text(st, 1);
    tinfo *ti;
    if (!name || excluded(r, name))
        return 0;
    if (reserve((void **)&r->tabs, r->ntabs, &r->captabs, sizeof *r->tabs) < 0)
        return nomem(r);
    ti = &r->tabs[r->ntabs];
    memset(ti, 0, sizeof *ti);
    if (!(ti->t = tide_schema_add_table(r->out, NULL, name)))
        return nomem(r);
    r->ntabs++;
    return parse_table(r, ti, sql ? sql : "") < 0 ? nomem(r) : 0;
}

/* ---- enums ---------------------------------------------------------------- */

/* The values of `"col" in ('a', 'b', ...)` into r->vals: 1, or 0 when the
 * expression is not of that form. */
static int enum_values(reader *r, const char *expr, const char *column)
{
    token t;
    const char *p = lex(expr, &t);
    char *s;
    r->nvals = 0;
    if (t.kind != TK_WORD && t.kind != TK_QUOTED)
        return 0;
    if (!(s = dequote(r, &t)))
        return TIDE_ENOMEM;
    if (sqlite3_stricmp(s, column))
        return 0;
    p = lex(p, &t);
    if (!is_kw(&t, "in") || (p = lex(p, &t), t.kind != TK_LP))
        return 0;
    do {
        p = lex(p, &t);
        if (t.kind != TK_STRING)
            return 0;
        if (reserve((void **)&r->vals, r->nvals, &r->capvals, sizeof *r->vals) < 0 ||
            !(r->vals[r->nvals++] = dequote(r, &t)))
            return TIDE_ENOMEM;
        p = lex(p, &t);
    } while (t.kind == TK_COMMA);
    return t.kind == TK_RP && (lex(p, &t), t.kind == TK_END);
}

/* The check tide names <table>_<column>_enum (the generated-name rule, or
 * the plain concatenation when that rule cuts or stops at a space). */
static con *enum_check(reader *r, const tinfo *ti, const char *column)
{
    char *cols[1] = { (char *)column };
    int i;
    tide_buf_reset(&r->buf);
    if (tide_model_generated_name(ti->t->name, cols, 1, "enum", &r->buf) < 0)
        return NULL;
    for (i = ti->con0; i < ti->con0 + ti->ncon; i++) {
        con *c = &r->cons[i];
        size_t tn = strlen(ti->t->name), cn = strlen(column);
        if (c->kind != CON_CHECK || c->used || !c->name || !c->text)
            continue;
        if (!strcmp(c->name, r->buf.data) ||
            (strlen(c->name) == tn + cn + 6 && !strncmp(c->name, ti->t->name, tn) &&
             c->name[tn] == '_' && !strncmp(c->name + tn + 1, column, cn) &&
             !strcmp(c->name + tn + 1 + cn, "_enum")))
            return c;
    }
    return NULL;
}

static int same_values(const reader *r, const tide_enum *e)
{
    int i;
    if (e->nvalues != r->nvals)
        return 0;
    for (i = 0; i < e->nvalues; i++)
        if (strcmp(e->values[i], r->vals[i]))
            return 0;
    return 1;
}

/* Adds enum name with r->vals, once; a second table must agree. */
static int add_enum(reader *r, const tinfo *ti, const char *name)
{
    tide_schema *out = r->out;
    tide_enum *e;
    int i;
    for (i = 0; i < out->nenums; i++)
        if (!strcmp(out->enums[i].name, name))
            break;
    if (i < out->nenums) {
        if (same_values(r, &out->enums[i]))
            return 0;
        return tide_err_set(r->err, TIDE_ECONFIG, "enum '%s' lists different values in table "
                            "'%s' and in table '%s' (see their <table>_<column>_enum checks); "
                            "an enum has one list of values: make the checks list the same "
                            "values in the same order, or give the enums different names",
                            name, r->enum_owner[i], ti->t->name);
    }
    if (reserve((void **)&r->enum_owner, out->nenums, &r->capowners, sizeof *r->enum_owner) < 0 ||
        !(e = tide_schema_add_enum(out, NULL, name)))
        return nomem(r);
    r->enum_owner[out->nenums - 1] = ti->t->name;
    for (i = 0; i < r->nvals; i++)
        if (tide_enum_add_value(out, e, r->vals[i]) < 0)
            return nomem(r);
    return 0;
}

/* 1 when column (declared "E text") is an enum column: its check is then used up. */
static int enum_column(reader *r, const tinfo *ti, const char *column, const char *name)
{
    con *ck = enum_check(r, ti, column);
    int rc;
    if (!ck)
        return r->buf.data ? 0 : nomem(r);
    if ((rc = enum_values(r, ck->text, column)) <= 0)
        return rc < 0 ? nomem(r) : 0;
    if ((rc = add_enum(r, ti, name)) < 0)
        return rc;
    ck->used = 1;
    return 1;
}

/* ---- columns -------------------------------------------------------------- */

static int cmp_pk(const void *a, const void *b)
{
    return ((const pk_col *)a)->pos - ((const pk_col *)b)->pos;
}

/* The key of the table just read, in key order. An INTEGER PRIMARY KEY is
 * the rowid, never NULL even when the pragma says nullable; any other key
 * column is what the pragma says: in a rowid table that is not STRICT it may
 * hold NULL unless declared NOT NULL (SQLite's documented legacy rule), so
 * "code TEXT PRIMARY KEY" is a nullable key (:primary() :nullable()), and
 * a rebuild keeps it so. */
static int flush_pk(reader *r)
{
    tinfo *ti = r->cur;
    int i, j;
    if (!ti)
        return 0;
    if (r->npks > 1)
        qsort(r->pks, (size_t)r->npks, sizeof *r->pks, cmp_pk);
    for (i = 0; i < r->npks; i++)
        if (tide_table_add_pk_column(r->out, ti->t, r->pks[i].name) < 0)
            return nomem(r);
    for (i = 0; i < r->npks; i++)       /* in key order, as the model keeps them */
        for (j = 0; j < r->ndescs; j++)
            if (r->descs[j].ti == ti && !sqlite3_stricmp(r->descs[j].name, r->pks[i].name)) {
                if (tide_strv_push(r->out, &ti->t->pk_desc, &ti->t->npk_desc, r->pks[i].name) < 0)
                    return nomem(r);
                break;
            }
    /* the rowid: NOT NULL as declared, never NULL; INTEGER PRIMARY KEY DESC
     * is no rowid, and is as nullable as the pragma says */
    if (r->npks == 1 && r->integer_pk >= 0 && !ti->t->npk_desc) {
        tide_column *c = &ti->t->columns[r->integer_pk];
        c->not_null_said = c->nullable ? -1 : 1;
        c->nullable = 0;
    }
    r->npks = 0;
    r->integer_pk = -1;
    return 0;
}

/* The column's type: an enum's name, or the declared type canonical. */
static int column_type_of(reader *r, const tinfo *ti, const char *name, const char *decl,
                          const char **type)
{
    const con *et = find_con(r, ti, CON_ENUM_TYPE, name);
    int rc;
    if (et && (rc = enum_column(r, ti, name, et->text)) != 0) {
        *type = et->text;
        return rc;
    }
    /* the declared text is kept beside (add_column); no declared type is "" */
    if (tide_model_canonical_type(decl, &r->buf) < 0)
        return nomem(r);
    *type = r->buf.data;
    return 0;
}

/* A generated column (PRAGMA table_xinfo hidden 2: VIRTUAL, 3: STORED):
 * its expression as the CREATE TABLE writes it. */
static int generated_column(reader *r, const tinfo *ti, tide_column *col, int hidden)
{
    const con *g = find_con(r, ti, CON_GENERATED, col->name);
    if (!g || !g->text)
        return tide_err_set(r->err, TIDE_ESQL, "table '%s', column '%s': SQLite reports a generated "
                            "column but its expression cannot be read from the CREATE TABLE",
                            ti->t->name, col->name);
    col->generated_stored = hidden == 3;
    return (col->generated = tide_schema_str(r->out, g->text)) ? 0 : nomem(r);
}

/* Row: table, name, type, notnull, dflt_value, pk, hidden. */
static int add_column(reader *r, tinfo *ti, sqlite3_stmt *st, int hidden)
{
    const char *name = text(st, 1), *decl = text(st, 2), *dflt = text(st, 4), *type = NULL;
    const con *c;
    tide_column *col;
    int rc, pk = sqlite3_column_int(st, 5);
    if (!name)
        return 0;
    if ((rc = column_type_of(r, ti, name, decl ? decl : "", &type)) < 0)
        return rc;
    if (!(col = tide_table_add_column(r->out, ti->t, name, type)))
        return nomem(r);
    col->is_enum = rc == 1;
    col->nullable = !sqlite3_column_int(st, 3);
    if (!col->is_enum && !(col->declared = tide_schema_str(r->out, decl ? decl : "")))
        return nomem(r);                /* as declared: PRAGMA table_info's type */
    if ((rc = sqlite_string_default(dflt, &r->buf)) < 0)
        return nomem(r);
    if (dflt && !(col->default_expr = col->default_text = tide_schema_str(r->out, dflt)))
        return nomem(r);
    if (rc > 0 && !(col->default_expr = tide_schema_str(r->out, r->buf.data)))
        return nomem(r);                /* default "isbn": the string 'isbn', written as it was */
    if ((c = find_con(r, ti, CON_COLLATE, name)) && sqlite3_stricmp(c->text, "binary")) {
        char *p;                        /* SQLite's collation names ignore case: NOCASE is nocase */
        if (!(col->collation = tide_schema_str(r->out, c->text)))
            return nomem(r);
        for (p = col->collation; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    if ((c = find_con(r, ti, CON_NOT_NULL, name)) && !col->nullable &&
        !(col->not_null_conflict = tide_schema_str(r->out, c->conflict)))
        return nomem(r);
    col->autoincrement = (c = find_con(r, ti, CON_PK, name)) && c->autoinc;
    if ((hidden == 2 || hidden == 3) && (rc = generated_column(r, ti, col, hidden)) < 0)
        return rc;
    if (pk <= 0)
        return 0;
    if (reserve((void **)&r->pks, r->npks, &r->cappks, sizeof *r->pks) < 0)
        return nomem(r);
    r->pks[r->npks].pos = pk;
    r->pks[r->npks++].name = col->name;
    if (decl && !sqlite3_stricmp(decl, "integer"))
        r->integer_pk = ti->t->ncolumns - 1;
    return 0;
}

static int on_column(reader *r, sqlite3_stmt *st)
{
    tinfo *ti = table_of(r, text(st, 0));
    int rc;
    if (ti != r->cur) {
        if ((rc = flush_pk(r)) < 0)
            return rc;
        r->cur = ti;
    }
    if (!ti || sqlite3_column_int(st, 6) == 1)     /* hidden: a virtual table's */
        return 0;
    return add_column(r, ti, st, sqlite3_column_int(st, 6));
}

/* The key's name and the checks not spent on enums, from the CREATE TABLE. */
static int add_named(reader *r, tinfo *ti)
{
    const con *pk = find_con(r, ti, CON_PK, NULL);
    int i;
    if (pk && pk->name && ti->t->npk && !(ti->t->pk_name = tide_schema_str(r->out, pk->name)))
        return nomem(r);
    if (pk && pk->conflict && ti->t->npk && !(ti->t->pk_conflict = tide_schema_str(r->out, pk->conflict)))
        return nomem(r);
    for (i = ti->con0; i < ti->con0 + ti->ncon; i++) {
        const con *c = &r->cons[i];
        if (c->kind == CON_CHECK && !c->used && c->text &&
            !tide_table_add_check(r->out, ti->t, c->name, c->text))
            return nomem(r);
    }
    return 0;
}

static int read_columns(reader *r)
{
    int i, rc;
    r->cur = NULL;
    r->integer_pk = -1;
    if ((rc = run(r, "columns", q_columns, on_column)) < 0 || (rc = flush_pk(r)) < 0)
        return rc;
    for (i = 0; i < r->ntabs; i++)
        if ((rc = add_named(r, &r->tabs[i])) < 0)
            return rc;
    return 0;
}

/* ---- indexes and unique constraints --------------------------------------- */

static int same_columns(char *const *a, int na, char *const *b, int nb)
{
    int i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (sqlite3_stricmp(a[i], b[i]))
            return 0;
    return 1;
}

static int push_cols(reader *r, char ***v, int *n, char *const *cols, int ncols)
{
    int i;
    for (i = 0; i < ncols; i++)
        if (tide_strv_push(r->out, v, n, cols[i]) < 0)
            return nomem(r);
    return 0;
}

/* A unique constraint: its name from the CREATE TABLE constraint on the same columns. */
static int add_unique(reader *r, group *g)
{
    con *c;
    tide_unique *u;
    int i;
    for (i = g->ti->con0; i < g->ti->con0 + g->ti->ncon; i++) {
        c = &r->cons[i];
        if (c->kind == CON_UNIQUE && !c->used && same_columns(c->cols, c->ncols, g->cols, g->ncols))
            break;
    }
    c = i < g->ti->con0 + g->ti->ncon ? &r->cons[i] : NULL;
    if (c)
        c->used = 1;
    if (!(u = tide_table_add_unique(r->out, g->ti->t, c ? c->name : NULL)))
        return nomem(r);
    if (c && c->conflict && !(u->on_conflict = tide_schema_str(r->out, c->conflict)))
        return nomem(r);
    return push_cols(r, &u->columns, &u->ncolumns, g->cols, g->ncols);
}

static int add_index(reader *r, group *g)
{
    tide_index *ix = tide_table_add_index(r->out, g->ti->t, g->name);
    char *keys = NULL, *where = NULL;
    if (!ix)
        return nomem(r);
    ix->unique = g->unique;
    if ((g->has_expr || g->partial) && parse_index(r, g->sql, &keys, &where) < 0)
        return nomem(r);
    if (g->partial && where && !(ix->where = tide_schema_str(r->out, where)))
        return nomem(r);
    if (g->has_expr && keys)            /* the whole key list, columns and all */
        return (ix->expression = tide_schema_str(r->out, keys)) ? 0 : nomem(r);
    return push_cols(r, &ix->columns, &ix->ncolumns, g->cols, g->ncols);
}

static int flush_index(reader *r)
{
    group *g = &r->g;
    int rc = 0;
    if (g->ti)
        rc = g->origin == 'c' ? add_index(r, g) : add_unique(r, g);
    g->ti = NULL;
    g->ncols = 0;
    return rc;
}

static int start_index(reader *r, tinfo *ti, sqlite3_stmt *st)
{
    group *g = &r->g;
    const char *origin = text(st, 3), *sql = text(st, 5);
    g->ti = ti;
    g->unique = sqlite3_column_int(st, 2);
    g->origin = origin ? *origin : 0;
    g->partial = sqlite3_column_int(st, 4);
    g->has_expr = 0;
    g->sql = sql ? scratch_strn(r, sql, strlen(sql)) : NULL;
    if (!(g->name = scratch_strn(r, text(st, 1), strlen(text(st, 1)))) || (sql && !g->sql))
        return nomem(r);
    return 0;
}

/* Whether an index column sorts by another collation than its column's
 * (CREATE INDEX ... (name COLLATE NOCASE)). */
static int own_collation(const tinfo *ti, int cid, const char *col, const char *coll)
{
    const tide_column *c;
    if (cid < 0 || cid >= ti->t->ncolumns || !coll || !col)
        return 0;
    c = &ti->t->columns[cid];
    if (sqlite3_stricmp(c->name, col))
        c = tide_table_find_column(ti->t, col);
    return c && sqlite3_stricmp(coll, c->collation ? c->collation : "binary") != 0;
}

/* Whether CREATE INDEX's text says COLLATE or ASC (outside quotes):
 * "(format COLLATE NOCASE)" on a NOCASE column, "(id ASC)", sort as the
 * plain key does, but the text says it, and a table made again must say it
 * too (SQLite keeps the text as written). */
static int writes_sort_words(const char *sql)
{
    token t;
    const char *q;
    if (!sql)
        return 0;
    for (q = lex(sql, &t); t.kind != TK_END; q = lex(q, &t))
        if (is_kw(&t, "collate") || is_kw(&t, "asc"))
            return 1;
    return 0;
}

/* Row: table, index, unique, origin, partial, sql, cid, column, desc, coll. */
static int on_index_column(reader *r, sqlite3_stmt *st)
{
    group *g = &r->g;
    tinfo *ti = table_of(r, text(st, 0));
    const char *name = text(st, 1), *col = text(st, 7);
    int rc, cid = sqlite3_column_int(st, 6);
    if (!ti || !name)
        return 0;
    if (ti != g->ti || strcmp(g->name, name)) {
        if ((rc = flush_index(r)) < 0 || (rc = start_index(r, ti, st)) < 0)
            return rc;
    }
    if (g->origin == 'c' && (own_collation(ti, cid, col, text(st, 9)) || writes_sort_words(g->sql)))
        g->has_expr = 1;                /* read as written: the key list, COLLATE and all */
    if (cid == -2 || !col) {            /* an expression (-2) or the rowid (-1) */
        g->has_expr |= cid == -2;
        col = cid == -2 ? "" : "rowid";
    }
    if (reserve((void **)&g->cols, g->ncols, &g->capcols, sizeof *g->cols) < 0)
        return nomem(r);
    tide_buf_reset(&r->buf);
    if (tide_buf_printf(&r->buf, "%s%s", col, sqlite3_column_int(st, 8) ? " desc" : "") < 0 ||
        !(g->cols[g->ncols++] = scratch_strn(r, r->buf.data, r->buf.len)))
        return nomem(r);
    return 0;
}

/* Row: table, key column sorted DESC: kept for flush_pk. */
static int on_desc_key(reader *r, sqlite3_stmt *st)
{
    const tinfo *ti = table_of(r, text(st, 0));
    const char *name = text(st, 1);
    if (!ti || !name)
        return 0;
    if (reserve((void **)&r->descs, r->ndescs, &r->capdescs, sizeof *r->descs) < 0 ||
        !(r->descs[r->ndescs].name = scratch_strn(r, name, strlen(name))))
        return nomem(r);
    r->descs[r->ndescs++].ti = ti;
    return 0;
}

static int read_indexes(reader *r)
{
    int rc = run(r, "indexes", q_indexes, on_index_column);
    return rc < 0 ? rc : flush_index(r);
}

/* ---- foreign keys ---------------------------------------------------------- */

/* Names the foreign key just read after the CREATE TABLE's: the first
 * unused one on the same columns and table (ids come in text order). */
static int match_fk(reader *r, tinfo *ti, tide_fk *fk)
{
    int i;
    for (i = ti->con0; i < ti->con0 + ti->ncon; i++) {
        con *c = &r->cons[i];
        if (c->kind != CON_FK || c->used || !c->ref_table ||
            sqlite3_stricmp(c->ref_table, fk->ref_table) ||
            !same_columns(c->cols, c->ncols, fk->columns, fk->ncolumns))
            continue;
        c->used = 1;
        fk->deferrable = c->deferrable;
        fk->initially_deferred = c->initially_deferred;
        if (c->name && !(fk->name = tide_schema_str(r->out, c->name)))
            return nomem(r);
        return 0;
    }
    return 0;
}

static int start_fk(reader *r, tinfo *ti, sqlite3_stmt *st)
{
    tide_fk *fk = tide_table_add_fk(r->out, ti->t, NULL);
    const char *upd = text(st, 5), *del = text(st, 6);
    if (!fk || !(fk->ref_table = tide_schema_str(r->out, text(st, 2))))
        return nomem(r);
    if ((upd && !(fk->on_update = tide_schema_str(r->out, upd))) ||
        (del && !(fk->on_delete = tide_schema_str(r->out, del))))
        return nomem(r);
    r->g.ti = ti;
    r->g.fk_id = sqlite3_column_int(st, 1);
    r->g.fk_at = ti->t->nfks - 1;
    return 0;
}

/* Row: table, id, parent, from, to, on_update, on_delete. */
static int on_fk_column(reader *r, sqlite3_stmt *st)
{
    group *g = &r->g;
    tinfo *ti = table_of(r, text(st, 0));
    const char *from = text(st, 3), *to = text(st, 4);
    tide_fk *fk;
    int rc;
    if (!ti || !text(st, 2))
        return 0;
    if (ti != g->ti || sqlite3_column_int(st, 1) != g->fk_id) {
        if (g->ti && (rc = match_fk(r, g->ti, &g->ti->t->fks[g->fk_at])) < 0)
            return rc;
        if ((rc = start_fk(r, ti, st)) < 0)
            return rc;
    }
    fk = &ti->t->fks[g->fk_at];
    if ((from && tide_strv_push(r->out, &fk->columns, &fk->ncolumns, from) < 0) ||
        (to && tide_strv_push(r->out, &fk->ref_columns, &fk->nref_columns, to) < 0))
        return nomem(r);
    return 0;
}

/* REFERENCES names the parent as written: use the parent's own spelling of
 * its name and columns, so that lookups by exact name find them. */
static void resolve_parent(reader *r, tide_fk *fk)
{
    tinfo *parent = find_table(r, fk->ref_table);
    int i, j;
    if (!parent)
        return;
    fk->ref_table = parent->t->name;
    for (i = 0; i < fk->nref_columns; i++)
        for (j = 0; j < parent->t->ncolumns; j++)
            if (!sqlite3_stricmp(fk->ref_columns[i], parent->t->columns[j].name))
                fk->ref_columns[i] = parent->t->columns[j].name;
}

static int read_fks(reader *r)
{
    int i, j, rc;
    r->g.ti = NULL;
    if ((rc = run(r, "foreign keys", q_fks, on_fk_column)) < 0)
        return rc;
    if (r->g.ti && (rc = match_fk(r, r->g.ti, &r->g.ti->t->fks[r->g.fk_at])) < 0)
        return rc;
    r->g.ti = NULL;
    for (i = 0; i < r->ntabs; i++)
        for (j = 0; j < r->tabs[i].t->nfks; j++)
            resolve_parent(r, &r->tabs[i].t->fks[j]);
    return 0;
}

/* ---- the entry point -------------------------------------------------------- */

static void reader_free(reader *r)
{
    while (r->scratch) {
        chunk *next = r->scratch->next;
        free(r->scratch);
        r->scratch = next;
    }
    free(r->tabs);
    free(r->cons);
    free(r->pks);
    free(r->descs);
    free(r->g.cols);
    free(r->vals);
    free(r->enum_owner);
    tide_buf_free(&r->buf);
}

/* ---- views, triggers, virtual tables -------------------------------------- */

/* The text after the token sequence that ends at the first top-level word
 * kw (a view's AS, a virtual table's USING), trimmed; NULL when absent.
 * *group: whether a parenthesised group came before it (a view's column
 * list). */
static const char *after_word(const char *sql, const char *kw, int *group)
{
    token t;
    const char *p = sql, *close;
    *group = 0;
    for (;;) {
        p = lex(p, &t);
        if (t.kind == TK_END)
            return NULL;
        if (t.kind == TK_LP) {
            p = skip_group(p, &close);
            *group = 1;
        } else if (is_kw(&t, kw)) {
            return skip_space(p);
        }
    }
}

/* Row: type, name, tbl_name, sql. A view's definition is its query (the
 * whole statement when it names its columns, CREATE VIEW v (a, b) AS: the
 * query alone would give them other names), a trigger's the whole statement
 * as SQLite keeps it, a virtual table's the module and its arguments. */
static int on_object(reader *r, sqlite3_stmt *st)
{
    const char *type = text(st, 0), *name = text(st, 1), *table = text(st, 2), *sql = text(st, 3), *def = sql;
    tide_object_kind kind = TIDE_OBJ_VIEW;
    int columns = 0;
    if (!type || !name || !sql || excluded(r, name) || (table && excluded(r, table)))
        return 0;
    if (!strcmp(type, "trigger"))
        kind = TIDE_OBJ_TRIGGER;
    else if (!strcmp(type, "view"))
        def = (def = after_word(sql, "as", &columns)) && columns ? sql : def;
    else {
        kind = TIDE_OBJ_VIRTUAL_TABLE;
        def = after_word(sql, "using", &columns);
    }
    if (!def)
        return tide_err_set(r->err, TIDE_ESQL, "%s '%s': cannot read its definition from: %s", type, name, sql);
    if (!tide_schema_add_object(r->out, kind, NULL, name, kind == TIDE_OBJ_TRIGGER ? table : NULL, def))
        return nomem(r);
    return 0;
}

/* One read transaction, so that the four queries see one schema. */
static int exec_counted(reader *r, const char *sql)
{
    int rc = sqlite3_exec(r->db, sql, NULL, NULL, NULL);
    atomic_fetch_add(&queries, 1);
    return rc == SQLITE_OK ? 0 : query_fail(r, rc, "tables", sql);
}

int sqlite_introspect(tide_dconn *c, const tide_introspect_opts *opts, tide_schema *out,
                      tide_err *err)
{
    reader r;
    int rc, own_tx;
    if (!c || !out)
        return tide_err_set(err, TIDE_EINVAL, "no connection or no schema given");
    memset(&r, 0, sizeof r);
    r.db = c->db;
    r.opts = opts;
    r.out = out;
    r.err = err;
    out->nocase = 1;                     /* SQLite: "USERS" is users */
    out->declared_types = 1;             /* and a column's type is the text it declares */
    own_tx = sqlite3_get_autocommit(c->db);
    if (own_tx && (rc = exec_counted(&r, "BEGIN")) < 0)
        goto done;
    if ((rc = run(&r, "tables", q_tables, on_table)) == 0 &&
        (rc = run(&r, "descending keys", q_desc_keys, on_desc_key)) == 0 && (rc = read_columns(&r)) == 0 &&
        (rc = read_indexes(&r)) == 0 && (rc = read_fks(&r)) == 0)
        rc = run(&r, "views, triggers and virtual tables", q_objects, on_object);
    if (own_tx && !sqlite3_get_autocommit(c->db)) {
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);     /* read only: nothing to keep */
        atomic_fetch_add(&queries, 1);
    }
done:
    reader_free(&r);
    return rc;
}

/* The CREATE TRIGGER statements of table, to run again after a rebuild. */
int sqlite_triggers(tide_dconn *c, const char *table, tide_sql_list *out, tide_err *err)
{
    static const char *sql = SQLITE_TRIGGERS_SQL;
    sqlite3_stmt *stmt = NULL;
    int rc;
    if ((rc = sqlite3_prepare_v2(c->db, sql, -1, &stmt, NULL)) != SQLITE_OK)
        return tide_err_set(err, TIDE_ESQL, "cannot read the triggers of '%s': %s", table, sqlite3_errmsg(c->db));
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(stmt, 0);
        if (text && (rc = tide_sql_list_push(out, text, strlen(text), err)) < 0)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = 0;
    else if (rc > 0)
        rc = tide_err_set(err, TIDE_ESQL, "cannot read the triggers of '%s': %s", table, sqlite3_errmsg(c->db));
    sqlite3_finalize(stmt);
    return rc;
}
