/* foreign.c — foreign data wrappers, foreign servers and foreign tables.
 *
 * A wrapper's definition is what CREATE FOREIGN DATA WRAPPER takes after
 * its name ("handler h validator v options (debug 'true')", "no handler"
 * when it has neither), a server's what CREATE SERVER takes ("type 'pg'
 * version '15' foreign data wrapper postgres_fdw options (dbname 'app')"):
 * both belong to the database, not to a namespace, and are put in one
 * spelling here for definitions and catalogs alike (options in name order,
 * as pg_options_to_table gives them, names quoted only where needed).
 *
 * A foreign table's definition is what CREATE FOREIGN TABLE takes after its
 * name: "(id integer not null, name text options (column_name 'nm')
 * default '') server films options (table_name 'film')"; the server spells
 * it (canonical.c makes it in the scratch namespace), and it reads its
 * server. A changed one is altered in place where PostgreSQL can: columns
 * dropped, added at the end, their type, NOT NULL, default and options
 * changed, the table's options; another server or another order of the
 * columns makes it again (it holds no rows: they are the server's). */
#include "pg_internal.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- one spelling (normalize, introspection) ------------------------------ */

#define MAX_OPTIONS 64

typedef struct option {
    char name[128];
    char value[1024];
} option;

static int cmp_option(const void *a, const void *b)
{
    return strcmp(((const option *)a)->name, ((const option *)b)->name);
}

/* ( name 'value' [, ...] ) after OPTIONS, into opts (sorted by name). */
static int options_list(pub_parse *x, option *opts, int *n)
{
    int i;
    *n = 0;
    if (!pub_char(x, '('))
        return pub_fail(x, "'(' after OPTIONS");
    do {
        int rc;
        if (*n == MAX_OPTIONS)
            return pub_fail(x, "at most 64 options");
        if ((rc = pub_name(x, opts[*n].name, sizeof opts[*n].name)) < 0)
            return rc;
        pub_space(x);
        if (*x->p != '\'' || coll_value(&x->p, opts[*n].value, sizeof opts[*n].value) < 0)
            return pub_fail(x, "the option's value, a quoted string ('...')");
        for (i = 0; i < *n; i++)
            if (!strcmp(opts[i].name, opts[*n].name))
                return tide_err_set(x->err, TIDE_ECONFIG, "%s: the option '%s' is given twice (the whole "
                                    "form: %s)", x->what, opts[i].name, x->form);
        (*n)++;
    } while (pub_char(x, ','));
    if (!pub_char(x, ')'))
        return pub_fail(x, "',' or ')' in the options");
    qsort(opts, (size_t)*n, sizeof *opts, cmp_option);
    return 0;
}

static int put_options(tide_buf *b, const option *opts, int n)
{
    int i;
    if (n == 0)
        return 0;
    if (tide_buf_puts(b, " options (") < 0)
        return TIDE_ENOMEM;
    for (i = 0; i < n; i++)
        if ((i && tide_buf_puts(b, ", ") < 0) || pg_ident(b, opts[i].name) < 0 || tide_buf_putc(b, ' ') < 0 ||
            put_literal(b, opts[i].value) < 0)
            return TIDE_ENOMEM;
    return tide_buf_putc(b, ')') < 0 ? TIDE_ENOMEM : 0;
}

/* A function's name, [schema.]name, spelled into b: "public." left out
 * (regproc prints what the search path finds bare). */
static int function_name(pub_parse *x, tide_buf *b)
{
    char a[128], c[128];
    int rc;
    if ((rc = pub_name(x, a, sizeof a)) < 0)
        return rc;
    if (*x->p == '.') {
        x->p++;
        if ((rc = pub_name(x, c, sizeof c)) < 0)
            return rc;
        if (strcmp(a, "public") && (pg_ident(b, a) < 0 || tide_buf_putc(b, '.') < 0))
            return TIDE_ENOMEM;
        return pg_ident(b, c) < 0 ? TIDE_ENOMEM : 0;
    }
    return pg_ident(b, a) < 0 ? TIDE_ENOMEM : 0;
}

/* [handler f | no handler] [validator f | no validator] [options (...)] */
static int wrapper_canonical(pub_parse *x, tide_buf *buf)
{
    tide_buf handler = TIDE_BUF_INIT, validator = TIDE_BUF_INIT;
    option opts[MAX_OPTIONS];
    int nopts = 0, rc = 0, seen_opts = 0;
    while (rc == 0 && (pub_space(x), *x->p)) {
        if (pub_word(x, "no")) {
            if (!pub_word(x, "handler") && !pub_word(x, "validator"))
                rc = pub_fail(x, "HANDLER or VALIDATOR after NO");
        } else if (pub_word(x, "handler")) {
            tide_buf_reset(&handler);
            rc = function_name(x, &handler);
        } else if (pub_word(x, "validator")) {
            tide_buf_reset(&validator);
            rc = function_name(x, &validator);
        } else if (!seen_opts && pub_word(x, "options")) {
            seen_opts = 1;
            rc = options_list(x, opts, &nopts);
        } else {
            rc = pub_fail(x, "HANDLER, NO HANDLER, VALIDATOR, NO VALIDATOR or OPTIONS (...)");
        }
    }
    tide_buf_reset(buf);
    if (rc == 0 && (tide_buf_puts(buf, handler.len ? "handler " : "no handler") < 0 ||
                    tide_buf_puts(buf, handler.len ? handler.data : "") < 0 ||
                    (validator.len && (tide_buf_puts(buf, " validator ") < 0 ||
                                       tide_buf_puts(buf, validator.data) < 0))))
        rc = TIDE_ENOMEM;
    if (rc == 0)
        rc = put_options(buf, opts, nopts);
    tide_buf_free(&handler);
    tide_buf_free(&validator);
    return rc;
}

/* [type '...'] [version '...'] foreign data wrapper w [options (...)] */
static int server_canonical(pub_parse *x, tide_buf *buf)
{
    char type[256] = "", version[256] = "", wrapper[128] = "";
    int has_type = 0, has_version = 0, rc = 0, nopts = 0;
    option opts[MAX_OPTIONS];
    if (pub_word(x, "type")) {
        pub_space(x);
        if (*x->p != '\'' || coll_value(&x->p, type, sizeof type) < 0)
            return pub_fail(x, "the server's type, a quoted string, after TYPE");
        has_type = 1;
    }
    if (pub_word(x, "version")) {
        pub_space(x);
        if (*x->p != '\'' || coll_value(&x->p, version, sizeof version) < 0)
            return pub_fail(x, "the server's version, a quoted string, after VERSION");
        has_version = 1;
    }
    if (!pub_word(x, "foreign") || !pub_word(x, "data") || !pub_word(x, "wrapper"))
        return pub_fail(x, has_type || has_version ? "FOREIGN DATA WRAPPER name"
                        : "TYPE '...', VERSION '...' or FOREIGN DATA WRAPPER name");
    if ((rc = pub_name(x, wrapper, sizeof wrapper)) < 0)
        return rc;
    if (pub_word(x, "options") && (rc = options_list(x, opts, &nopts)) < 0)
        return rc;
    pub_space(x);
    if (*x->p)
        return pub_fail(x, "OPTIONS (...) or the end of the definition");
    tide_buf_reset(buf);
    if ((has_type && (tide_buf_puts(buf, "type ") < 0 || put_literal(buf, type) < 0 || tide_buf_putc(buf, ' ') < 0)) ||
        (has_version && (tide_buf_puts(buf, "version ") < 0 || put_literal(buf, version) < 0 ||
                         tide_buf_putc(buf, ' ') < 0)) ||
        tide_buf_puts(buf, "foreign data wrapper ") < 0 || pg_ident(buf, wrapper) < 0)
        return TIDE_ENOMEM;
    return put_options(buf, opts, nopts);
}

/* The end of the parenthesised group at p ('(' there), quotes skipped:
 * past its ')', or NULL. */
static const char *group_end(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && !(*p == q && p[1] != q); p += *p == q ? 2 : 1)
                ;
            if (!*p)
                return NULL;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p + 1;
        }
    }
    return NULL;
}

static const char *top_word(const char *p, const char *w);

/* (columns) server s [options (...)], or partition of parent <bound>
 * server s [options (...)]: checked; reads its server (and its parent). */
static int table_read(tide_schema *s, pub_parse *x, tide_object *o)
{
    char server[128], ns[128] = "", parent[128] = "";
    option opts[MAX_OPTIONS];
    int rc, n;
    pub_space(x);
    if (pub_word(x, "partition")) {
        const char *at;
        if (!pub_word(x, "of"))
            return pub_fail(x, "OF after PARTITION");
        if ((rc = pub_name(x, parent, sizeof parent)) < 0)
            return rc;
        if (*x->p == '.') {
            x->p++;
            memcpy(ns, parent, sizeof ns);
            if ((rc = pub_name(x, parent, sizeof parent)) < 0)
                return rc;
        }
        if (!pub_word(x, "for") && !pub_word(x, "default"))
            return pub_fail(x, "its bound after the partitioned table's name: FOR VALUES ... or DEFAULT");
        if (!(at = top_word(x->p, "server")))
            return pub_fail(x, "SERVER name after the bound");
        x->p = at;
    } else if (*x->p != '(' || !(x->p = group_end(x->p))) {
        return pub_fail(x, "its columns within parentheses: (id integer not null, ...), or PARTITION OF");
    }
    if (!pub_word(x, "server"))
        return pub_fail(x, "SERVER name after the columns");
    if ((rc = pub_name(x, server, sizeof server)) < 0)
        return rc;
    if (pub_word(x, "options") && (rc = options_list(x, opts, &n)) < 0)
        return rc;
    pub_space(x);
    if (*x->p)
        return pub_fail(x, "OPTIONS (...) or the end of the definition");
    o->nreads = 0;
    o->reads_given = 1;
    if (tide_strv_push(s, &o->reads, &o->nreads, server) < 0)
        return TIDE_ENOMEM;
    if (*parent) {
        char q[300];
        snprintf(q, sizeof q, "%s%s%s", *ns && strcmp(ns, "public") ? ns : "", *ns && strcmp(ns, "public") ? "." : "",
                 parent);
        if (tide_strv_push(s, &o->reads, &o->nreads, q) < 0)
            return TIDE_ENOMEM;
    }
    return 0;
}

int pg_foreign_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err)
{
    pub_parse x;
    int rc;
    x.p = o->definition ? o->definition : "";
    x.form = x.p;
    x.err = err;
    snprintf(x.what, sizeof x.what, "%s %s%s%s", tide_object_kinds[o->kind].name, o->schema ? o->schema : "",
             o->schema ? "." : "", o->name);
    if (o->kind == TIDE_OBJ_FOREIGN_TABLE) {
        rc = table_read(s, &x, o);
        return rc == TIDE_ENOMEM ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : rc;
    }
    if (o->schema)
        return tide_err_set(err, TIDE_ECONFIG, "%s: a %s belongs to the database, not to a namespace (write "
                            "its name alone)", x.what, tide_object_kinds[o->kind].name);
    rc = o->kind == TIDE_OBJ_FOREIGN_WRAPPER ? wrapper_canonical(&x, buf) : server_canonical(&x, buf);
    if (rc == TIDE_ENOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (rc < 0)
        return rc;
    if (!(o->definition = tide_schema_str(s, buf->data)) || !(o->canonical = o->definition))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    o->nreads = 0;
    o->reads_given = 1;
    return 0;
}

/* ---- statements ------------------------------------------------------------ */

/* A span of a definition's text. */
typedef struct span {
    const char *p;
    size_t n;
} span;

static int is_ident(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    return p;
}

static span trim(const char *p, const char *end)
{
    span s;
    p = skip_space(p, end);
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    s.p = p;
    s.n = (size_t)(end - p);
    return s;
}

/* The keyword w (any case) at p, a word of its own? */
static int word_at(const char *p, const char *start, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (p == start || !is_ident(p[-1])) && (size_t)(end - p) >= n && !strncasecmp(p, w, n) &&
           (p + n == end || !is_ident(p[n]));
}

/* Past the quoted text at p, or past one character. */
static const char *step(const char *p, const char *end)
{
    if (*p == '\'' || *p == '"') {
        char q = *p;
        for (p++; p < end && !(*p == q && (p + 1 >= end || p[1] != q)); p += *p == q ? 2 : 1)
            ;
        return p < end ? p + 1 : end;
    }
    return p + 1;
}

/* The key a name is compared by: a quoted name's text, a bare one lowercased. */
static void name_key(span s, char *out, size_t cap)
{
    size_t i, k = 0;
    if (s.n && s.p[0] == '"') {
        for (i = 1; i + 1 < s.n && k + 1 < cap; i++) {
            if (s.p[i] == '"')
                i++;
            out[k++] = s.p[i];
        }
    } else {
        for (i = 0; i < s.n && k + 1 < cap; i++)
            out[k++] = (char)tolower((unsigned char)s.p[i]);
    }
    out[k] = '\0';
}

/* The name at the start of s (quoted or bare), and what follows. */
static span first_name(span s, span *rest)
{
    const char *p = s.p, *end = s.p + s.n;
    span name;
    if (p < end && *p == '"')
        p = step(p, end);
    else
        while (p < end && is_ident(*p))
            p++;
    name.p = s.p;
    name.n = (size_t)(p - s.p);
    *rest = trim(p, end);
    return name;
}

/* Splits s at its commas outside parentheses and quotes into parts (at most cap). */
static int split(span s, span *parts, int cap)
{
    const char *p = s.p, *end = s.p + s.n, *from = p;
    int depth = 0, n = 0;
    while (p < end) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        if (*p == ',' && depth == 0) {
            if (n < cap)
                parts[n++] = trim(from, p);
            from = ++p;
            continue;
        }
        p = step(p, end);
    }
    if (from < end && n < cap)
        parts[n++] = trim(from, end);
    return n;
}

/* An options list, "(a 'x', b 'y')" (its parentheses), as spans of names
 * and values. */
typedef struct opt_span {
    span name, value;
    char key[128];
} opt_span;

static int opt_spans(span list, opt_span *out, int cap)
{
    span parts[MAX_OPTIONS];
    int i, n;
    if (list.n < 2)
        return 0;
    list.p++;
    list.n -= 2;
    n = split(list, parts, MAX_OPTIONS);
    for (i = 0; i < n && i < cap; i++) {
        out[i].name = first_name(parts[i], &out[i].value);
        name_key(out[i].name, out[i].key, sizeof out[i].key);
    }
    return n < cap ? n : cap;
}

static const opt_span *find_opt(const opt_span *v, int n, const char *key)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(v[i].key, key))
            return &v[i];
    return NULL;
}

/* Equal once spaces and case outside quotes are folded. */
static int same_text(span a, span b)
{
    tide_buf x = TIDE_BUF_INIT, y = TIDE_BUF_INIT, ta = TIDE_BUF_INIT, tb = TIDE_BUF_INIT;
    int same;
    if (tide_buf_add(&ta, a.p, a.n) < 0 || tide_buf_add(&tb, b.p, b.n) < 0 || (a.n == 0) != (b.n == 0)) {
        same = a.n == 0 && b.n == 0;
    } else if (a.n == 0) {
        same = 1;
    } else {
        same = tide_model_canonical_expr(ta.data, &x) == 0 && tide_model_canonical_expr(tb.data, &y) == 0 &&
               x.data && y.data && !strcmp(x.data, y.data);
    }
    tide_buf_free(&x);
    tide_buf_free(&y);
    tide_buf_free(&ta);
    tide_buf_free(&tb);
    return same;
}

/* " options (drop a, set b 'y', add c 'z')" taking the options from a to
 * b (their lists, parentheses included); 0 when they are the same. */
static int options_change(tide_sqlw *e, span a, span b)
{
    opt_span va[MAX_OPTIONS], vb[MAX_OPTIONS];
    int na = opt_spans(a, va, MAX_OPTIONS), nb = opt_spans(b, vb, MAX_OPTIONS), i, any = 0;
    const opt_span *o;
    for (i = 0; i < na; i++)
        if (!find_opt(vb, nb, va[i].key)) {
            tide_sqlw_put(e, any++ ? ", drop " : " options (drop ");
            tide_sqlw_putn(e, va[i].name.p, va[i].name.n);
        }
    for (i = 0; i < nb; i++) {
        if ((o = find_opt(va, na, vb[i].key)) != NULL && same_text(o->value, vb[i].value))
            continue;
        tide_sqlw_put(e, any++ ? ", " : " options (");
        tide_sqlw_put(e, o ? "set " : "add ");
        tide_sqlw_putn(e, vb[i].name.p, vb[i].name.n);
        tide_sqlw_put(e, " ");
        tide_sqlw_putn(e, vb[i].value.p, vb[i].value.n);
    }
    if (any)
        tide_sqlw_put(e, ")");
    return any;
}

/* The words at the top level of a definition: where each keyword of kws
 * starts (NULL when absent), the first one found for each. */
static void keywords(span s, const char *const *kws, int nkw, const char **at)
{
    const char *p = s.p, *end = s.p + s.n;
    int depth = 0, k;
    for (k = 0; k < nkw; k++)
        at[k] = NULL;
    while (p < end) {
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        else if (depth == 0)
            for (k = 0; k < nkw; k++)
                if (!at[k] && word_at(p, s.p, end, kws[k])) {
                    at[k] = p;
                    break;
                }
        p = step(p, end);
    }
}

/* The piece of s from at (past its keyword of length kw) to the next
 * keyword found, trimmed; empty when at is NULL. */
static span piece(span s, const char *const *at, int nkw, const char *from, size_t kw)
{
    const char *end = s.p + s.n;
    span none = { "", 0 };
    int k;
    if (!from)
        return none;
    for (k = 0; k < nkw; k++)
        if (at[k] && at[k] > from && at[k] < end)
            end = at[k];
    return trim(from + kw, end);
}

/* Where the keyword w starts at the top level of the text at p, or NULL. */
static const char *top_word(const char *p, const char *w)
{
    const char *at[1];
    span s;
    s.p = p;
    s.n = strlen(p);
    keywords(s, &w, 1, at);
    return at[0];
}

/* A foreign table's definition in parts. */
typedef struct ftable {
    span columns;                /* within the parentheses */
    span server, options;        /* options with its parentheses; empty when none */
} ftable;

static int ftable_parts(const char *def, ftable *t)
{
    const char *p = skip_space(def, def + strlen(def)), *close, *end = def + strlen(def);
    static const char *const kws[] = { "server", "options" };
    const char *at[2];
    span rest, srv;
    memset(t, 0, sizeof *t);
    if (*p != '(' || !(close = group_end(p)))
        return -1;
    t->columns = trim(p + 1, close - 1);
    rest = trim(close, end);
    keywords(rest, kws, 2, at);
    if (!at[0])
        return -1;
    srv = piece(rest, at, 2, at[0], 6);
    t->server = srv;
    t->options = piece(rest, at, 2, at[1], 7);
    return 0;
}

/* A column of a foreign table in parts: name type [options (...)]
 * [collate c] [not null] [default expr]; anything else (a check, a
 * generated column) is `other`, which only a new table changes. */
typedef struct fcolumn {
    span name;
    char key[128];
    span whole, type, options, collate, def, other;
    int not_null;
} fcolumn;

static void column_parts(span whole, fcolumn *c)
{
    static const char *const kws[] = { "options", "collate", "not", "null", "default", "constraint", "check",
                                       "generated" };
    const char *at[8], *end;
    span rest;
    int k;
    memset(c, 0, sizeof *c);
    c->whole = whole;
    c->name = first_name(whole, &rest);
    name_key(c->name, c->key, sizeof c->key);
    keywords(rest, kws, 8, at);
    end = rest.p + rest.n;
    for (k = 0; k < 8; k++)
        if (at[k] && at[k] < end)
            end = at[k];
    c->type = trim(rest.p, end);
    c->options = piece(rest, at, 8, at[0], 7);
    c->collate = piece(rest, at, 8, at[1], 7);
    c->not_null = at[2] != NULL;
    c->def = piece(rest, at, 8, at[4], 7);
    c->other = at[5] ? trim(at[5], rest.p + rest.n) : at[6] ? trim(at[6], rest.p + rest.n)
               : at[7] ? trim(at[7], rest.p + rest.n) : trim(end, end);
    if (at[2] && at[3] && at[3] < at[2])
        c->not_null = 0;
}

#define MAX_COLUMNS 1600

static int columns_of(span list, fcolumn **out)
{
    span *parts = malloc(sizeof *parts * MAX_COLUMNS);
    int i, n;
    if (!parts)
        return -1;
    n = list.n ? split(list, parts, MAX_COLUMNS) : 0;
    if (!(*out = calloc((size_t)n + 1, sizeof **out))) {
        free(parts);
        return -1;
    }
    for (i = 0; i < n; i++)
        column_parts(parts[i], &(*out)[i]);
    free(parts);
    return n;
}

static const fcolumn *find_column(const fcolumn *v, int n, const char *key)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(v[i].key, key))
            return &v[i];
    return NULL;
}

static void drop_and_create(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    tide_sqlw_put(e, "drop ");
    tide_sqlw_put(e, old->kind == TIDE_OBJ_FOREIGN_SERVER ? "server " : "foreign table ");
    tide_sqlw_qname(e, old->schema, old->name);
    tide_sqlw_stmt(e);
    pg_emit__create_object(e, o);
}

/* alter <kind> name */
static void alter_head(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, o->kind == TIDE_OBJ_FOREIGN_WRAPPER ? "alter foreign data wrapper "
                     : o->kind == TIDE_OBJ_FOREIGN_SERVER ? "alter server " : "alter foreign table ");
    tide_sqlw_qname(e, o->schema, o->name);
}

/* The clause of def after keyword kw (its text to the next of kws). */
static span clause(const char *def, const char *const *kws, int nkw, int k)
{
    const char *at[8];
    span s = trim(def, def + strlen(def));
    keywords(s, kws, nkw, at);
    return piece(s, at, nkw, at[k], strlen(kws[k]));
}

/* A wrapper: its handler, validator and options, each changed in place. */
static void alter_wrapper(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    static const char *const kws[] = { "handler", "validator", "options" };
    span ha = clause(old->definition, kws, 3, 0), hb = clause(o->definition, kws, 3, 0);
    span va = clause(old->definition, kws, 3, 1), vb = clause(o->definition, kws, 3, 1);
    int any = 0;
    alter_head(e, o);
    if (!same_text(ha, hb)) {
        tide_sqlw_put(e, hb.n ? " handler " : " no handler");
        tide_sqlw_putn(e, hb.p, hb.n);
        any = 1;
    }
    if (!same_text(va, vb)) {
        tide_sqlw_put(e, vb.n ? " validator " : " no validator");
        tide_sqlw_putn(e, vb.p, vb.n);
        any = 1;
    }
    any |= options_change(e, clause(old->definition, kws, 3, 2), clause(o->definition, kws, 3, 2));
    if (any)
        tide_sqlw_stmt(e);
    else
        tide_buf_reset(&e->sql);
}

/* A server: its version and options in place; another type or wrapper
 * makes it again (the foreign tables that read it are made again around
 * it: ALTER_REDOES). */
static void alter_server(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    static const char *const kws[] = { "type", "version", "foreign", "options" };
    span va = clause(old->definition, kws, 4, 1), vb = clause(o->definition, kws, 4, 1);
    int any = 0;
    if (!same_text(clause(old->definition, kws, 4, 0), clause(o->definition, kws, 4, 0)) ||
        !same_text(clause(old->definition, kws, 4, 2), clause(o->definition, kws, 4, 2))) {
        drop_and_create(e, old, o);
        return;
    }
    alter_head(e, o);
    if (!same_text(va, vb)) {
        tide_sqlw_put(e, " version ");
        if (vb.n)
            tide_sqlw_putn(e, vb.p, vb.n);
        else
            tide_sqlw_put(e, "null");
        any = 1;
    }
    any |= options_change(e, clause(old->definition, kws, 4, 3), clause(o->definition, kws, 4, 3));
    if (any)
        tide_sqlw_stmt(e);
    else
        tide_buf_reset(&e->sql);
}

/* alter foreign table T <what> */
static void table_stmt(tide_sqlw *e, const tide_object *o, const char *what, span a, const char *more, span b)
{
    alter_head(e, o);
    tide_sqlw_put(e, what);
    tide_sqlw_putn(e, a.p, a.n);
    tide_sqlw_put(e, more);
    tide_sqlw_putn(e, b.p, b.n);
    tide_sqlw_stmt(e);
}

/* Whether the kept columns of b are in a's order and b's new ones after
 * them (ADD COLUMN appends). */
static int appends_only(const fcolumn *a, int na, const fcolumn *b, int nb)
{
    int i, last = -1, added = 0;
    for (i = 0; i < nb; i++) {
        const fcolumn *c = find_column(a, na, b[i].key);
        if (!c) {
            added = 1;
            continue;
        }
        if (added || (int)(c - a) < last)
            return 0;
        last = (int)(c - a);
    }
    return 1;
}

static void alter_column(tide_sqlw *e, const tide_object *o, const fcolumn *a, const fcolumn *b)
{
    span none = { "", 0 };
    if (!same_text(a->type, b->type) || !same_text(a->collate, b->collate)) {
        alter_head(e, o);
        tide_sqlw_put(e, " alter column ");
        tide_sqlw_putn(e, b->name.p, b->name.n);
        tide_sqlw_put(e, " type ");
        tide_sqlw_putn(e, b->type.p, b->type.n);
        if (b->collate.n) {
            tide_sqlw_put(e, " collate ");
            tide_sqlw_putn(e, b->collate.p, b->collate.n);
        }
        tide_sqlw_stmt(e);
    }
    if (a->not_null != b->not_null)
        table_stmt(e, o, " alter column ", b->name, b->not_null ? " set not null" : " drop not null", none);
    if (!same_text(a->def, b->def))
        table_stmt(e, o, " alter column ", b->name, b->def.n ? " set default " : " drop default", b->def);
    alter_head(e, o);
    tide_sqlw_put(e, " alter column ");
    tide_sqlw_putn(e, b->name.p, b->name.n);
    if (options_change(e, a->options, b->options))
        tide_sqlw_stmt(e);
    else
        tide_buf_reset(&e->sql);
}

/* A foreign table: in place where PostgreSQL can, else made again. Its
 * parts are compared and written in the canonical spelling (the server's
 * when the definitions met a live database), so that `int` written by
 * hand against the catalog's `integer` is no change. */
static void alter_table(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    ftable ta, tb;
    fcolumn *ca = NULL, *cb = NULL;
    int na, nb, i;
    span none = { "", 0 };
    if (ftable_parts(old->canonical ? old->canonical : old->definition, &ta) < 0 ||
        ftable_parts(o->canonical ? o->canonical : o->definition, &tb) < 0 ||
        !same_text(ta.server, tb.server) || (na = columns_of(ta.columns, &ca)) < 0 ||
        (nb = columns_of(tb.columns, &cb)) < 0 || !appends_only(ca, na, cb, nb)) {
        drop_and_create(e, old, o);
        goto done;
    }
    for (i = 0; i < na; i++) {           /* a change PostgreSQL cannot make: made again */
        const fcolumn *c = find_column(cb, nb, ca[i].key);
        if (c && !same_text(ca[i].other, c->other)) {
            drop_and_create(e, old, o);
            goto done;
        }
    }
    for (i = 0; i < na; i++)
        if (!find_column(cb, nb, ca[i].key))
            table_stmt(e, o, " drop column ", ca[i].name, "", none);
    for (i = 0; i < nb; i++) {
        const fcolumn *c = find_column(ca, na, cb[i].key);
        if (!c)
            table_stmt(e, o, " add column ", cb[i].whole, "", none);
        else if (!same_text(c->whole, cb[i].whole))
            alter_column(e, o, c, &cb[i]);
    }
    alter_head(e, o);
    if (options_change(e, ta.options, tb.options))
        tide_sqlw_stmt(e);
    else
        tide_buf_reset(&e->sql);
done:
    free(ca);
    free(cb);
}

void pg_emit__foreign_alter(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    if (o->kind == TIDE_OBJ_FOREIGN_WRAPPER)
        alter_wrapper(e, old, o);
    else if (o->kind == TIDE_OBJ_FOREIGN_SERVER)
        alter_server(e, old, o);
    else
        alter_table(e, old, o);
}
