/* sqlw.c — the SQL writer shared by the dialect emitters (see sqlw.h). */
#include "sqlw.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void tide_sqlw_init(tide_sqlw *w, const tide_driver *drv, const tide_plan *plan,
                    tide_sql_list *out, tide_err *err)
{
    memset(w, 0, sizeof *w);
    w->drv = drv;
    w->plan = plan;
    w->out = out;
    w->err = err;
}

int tide_sqlw_finish(tide_sqlw *w)
{
    tide_buf_free(&w->sql);
    if (w->rc == TIDE_ENOMEM)
        return tide_err_set(w->err, TIDE_ENOMEM, "out of memory writing SQL");
    return w->rc;
}

void tide_sqlw_put(tide_sqlw *w, const char *s)
{
    if (w->rc == 0 && tide_buf_puts(&w->sql, s) < 0)
        w->rc = TIDE_ENOMEM;
}

void tide_sqlw_putn(tide_sqlw *w, const char *s, size_t n)
{
    if (w->rc == 0 && tide_buf_add(&w->sql, s, n) < 0)
        w->rc = TIDE_ENOMEM;
}

void tide_sqlw_q(tide_sqlw *w, const char *ident)
{
    if (w->rc == 0 && w->drv->quote_ident(&w->sql, ident) < 0)
        w->rc = TIDE_ENOMEM;
}

void tide_sqlw_qname(tide_sqlw *w, const char *schema, const char *name)
{
    if (schema) {
        tide_sqlw_q(w, schema);
        tide_sqlw_put(w, ".");
    }
    tide_sqlw_q(w, name);
}

void tide_sqlw_literal(tide_sqlw *w, const char *text)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    v.type = TIDE_V_TEXT;
    v.u.s.p = text;
    v.u.s.len = strlen(text);
    if (w->rc == 0 && w->drv->quote_literal(&w->sql, &v) < 0)
        w->rc = tide_err_set(w->err, TIDE_EINVAL, "'%.60s' cannot be written as a %s literal",
                             text, w->drv->name);
}

void tide_sqlw_stmt(tide_sqlw *w)
{
    if (w->rc == 0)
        w->rc = tide_sql_list_push(w->out, w->sql.data ? w->sql.data : "", w->sql.len, w->err);
    tide_buf_reset(&w->sql);
}

int tide_sqlw_fail(tide_sqlw *w, const char *fmt, ...)
{
    va_list ap;
    if (w->rc == 0) {
        va_start(ap, fmt);
        w->rc = tide_err_vset(w->err, TIDE_EINVAL, fmt, ap);
        va_end(ap);
    }
    return w->rc;
}

void tide_sqlw_columns(tide_sqlw *w, char *const *cols, int n)
{
    int i;
    tide_sqlw_put(w, "(");
    for (i = 0; i < n; i++) {
        size_t len = tide_model_index_col_len(cols[i]);
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)len, cols[i]);
        if (i)
            tide_sqlw_put(w, ", ");
        tide_sqlw_q(w, name);
        tide_sqlw_put(w, cols[i] + len);          /* " desc" */
    }
    tide_sqlw_put(w, ")");
}

void tide_sqlw_fk(tide_sqlw *w, const tide_fk *fk, int with_schema)
{
    tide_sqlw_put(w, "constraint ");
    tide_sqlw_q(w, fk->name);
    tide_sqlw_put(w, " foreign key ");
    tide_sqlw_columns(w, fk->columns, fk->ncolumns);
    tide_sqlw_put(w, " references ");
    tide_sqlw_qname(w, with_schema ? fk->ref_schema : NULL, fk->ref_table);
    if (fk->nref_columns) {             /* none: the parent's key (SQLite's REFERENCES parent) */
        tide_sqlw_put(w, " ");
        tide_sqlw_columns(w, fk->ref_columns, fk->nref_columns);
    }
    if (fk->options & TIDE_CON_MATCH_FULL)
        tide_sqlw_put(w, " match full");
    if (fk->on_delete) {
        tide_sqlw_put(w, " on delete ");
        tide_sqlw_put(w, fk->on_delete);
    }
    if (fk->on_update) {
        tide_sqlw_put(w, " on update ");
        tide_sqlw_put(w, fk->on_update);
    }
    if (fk->deferrable)
        tide_sqlw_put(w, fk->initially_deferred ? " deferrable initially deferred" : " deferrable");
}

/* The end of a quoted run starting at p (a literal or a quoted name), or of
 * a balanced parenthesised group; NULL when it does not close. */
static const char *skip_group(const char *p)
{
    int depth = 0;
    char q = 0;
    for (; *p; p++) {
        if (q) {
            if (*p == q && p[1] == q) p++;
            else if (*p == q) { q = 0; if (!depth) return p + 1; }
        } else if (*p == '\'' || *p == '"') {
            q = *p;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            if (--depth == 0) return p + 1;
            if (depth < 0) return NULL;
        }
    }
    return NULL;
}

static int word_char(int c)
{
    return isalnum(c) || c == '_' || c == '$' || c == '.' || c >= 0x80;
}

int tide_sql_is_term(const char *x)
{
    const char *p = x;
    if (!p)
        return 1;
    while (isspace((unsigned char)*p)) p++;
    if (*p == '-' && isdigit((unsigned char)p[1]))
        p++;
    if (*p == '\'' || *p == '"' || *p == '(') {
        if (!(p = skip_group(p)))
            return 0;
        if (*p == '(' && !(p = skip_group(p)))      /* "f"(...) */
            return 0;
    } else if (word_char((unsigned char)*p)) {
        while (word_char((unsigned char)*p)) p++;
        if (*p == '(' && !(p = skip_group(p)))
            return 0;
    } else {
        return 0;
    }
    while (p[0] == ':' && p[1] == ':') {               /* casts: ::type, ::"Type", ::varchar(10)[] */
        for (p += 2; word_char((unsigned char)*p) || *p == ' ' || *p == '"' || *p == '[' || *p == ']'; p++)
            ;
        if (*p == '(' && !(p = skip_group(p)))
            return 0;
        while (*p == '[' || *p == ']') p++;
    }
    while (isspace((unsigned char)*p)) p++;
    return *p == '\0';
}

void tide_sqlw_term(tide_sqlw *w, const char *expr)
{
    int term = tide_sql_is_term(expr);
    tide_sqlw_put(w, term ? "" : "(");
    tide_sqlw_put(w, expr);
    tide_sqlw_put(w, term ? "" : ")");
}

/* Where the words after an index element's expression start: the last
 * words at depth 0, when they are `collate "x"` and/or an operator class
 * (a name, with its parameters in parentheses or not) after a term, as
 * pg_get_indexdef prints them ("lower(email) text_pattern_ops",
 * "name COLLATE \"C\" varchar_ops", "title gist_trgm_ops (siglen='32')"). */
static size_t element_core(const char *el, size_t n)
{
    size_t starts[64], nw = 0, i, cut;
    int depth = 0;
    char q = 0;
    for (i = 0; i < n; i++) {                  /* the words at depth 0 */
        char c = el[i];
        if (q) { if (c == q) q = 0; continue; }
        int at0 = !depth;                      /* "((a || b)) text_pattern_ops": a word may open a group */
        if (c == '\'' || c == '"') q = c;
        else if (c == '(') depth++;
        else if (c == ')') depth--;
        if (at0 && !isspace((unsigned char)c) && (i == 0 || isspace((unsigned char)el[i - 1])) &&
            nw < sizeof starts / sizeof *starts)
            starts[nw++] = i;
    }
    if (nw < 2)
        return n;
    cut = n;
    size_t m = nw, end = n;
    if (nw >= 3 && el[starts[nw - 1]] == '(' && el[n - 1] == ')') {
        m = nw - 1;                             /* an operator class's parameters: (siglen='32') */
        for (end = starts[nw - 1]; end && isspace((unsigned char)el[end - 1]); end--)
            ;
    }
    if (m >= 3 && !strncasecmp(el + starts[m - 3], "collate", 7) && isspace((unsigned char)el[starts[m - 3] + 7])) {
        cut = starts[m - 3];                    /* expr collate "x" opclass */
    } else if (m == nw && !strncasecmp(el + starts[m - 2], "collate", 7) &&
               isspace((unsigned char)el[starts[m - 2] + 7])) {
        cut = starts[m - 2];                    /* expr collate "x" */
    } else {
        const char *p = el + starts[m - 1];
        for (; p < el + end && (word_char((unsigned char)*p) || *p == '"' || *p == '.'); p++)
            ;
        if (p == el + end)
            cut = starts[m - 1];                /* expr opclass, expr opclass (params) */
    }
    if (cut < n) {
        char head[1024];
        size_t len = cut;
        while (len && isspace((unsigned char)el[len - 1])) len--;
        if (len == 0 || len >= sizeof head)
            return n;
        memcpy(head, el, len);
        head[len] = '\0';
        if (!tide_sql_is_term(head))
            return n;
        return len;
    }
    return n;
}

/* One element of an expression index: the expression as a term, then the
 * words that order it (asc, desc, nulls first|last, collate "x"). */
static void index_element(tide_sqlw *w, const char *el, size_t n)
{
    static const char *const tails[] = { " nulls first", " nulls last", " desc", " asc", NULL };
    tide_buf core = TIDE_BUF_INIT;
    size_t cut = n, i;
    for (i = 0; tails[i]; i++) {                 /* at most "desc nulls last" */
        size_t k = strlen(tails[i]);
        if (cut > k && !strncasecmp(el + cut - k, tails[i], k))
            cut -= k;
    }
    for (i = 0; tails[i]; i++) {
        size_t k = strlen(tails[i]);
        if (cut > k && !strncasecmp(el + cut - k, tails[i], k))
            cut -= k;
    }
    cut = element_core(el, cut);              /* before collate "x" and an operator class */
    if (tide_buf_add(&core, el, cut) < 0) {
        w->rc = w->rc ? w->rc : TIDE_ENOMEM;
        return;
    }
    tide_sqlw_term(w, core.data ? core.data : "");
    tide_buf_free(&core);
    if (cut < n) {
        tide_buf_reset(&core);
        tide_buf_add(&core, el + cut, n - cut);
        tide_sqlw_put(w, core.data ? core.data : "");
        tide_buf_free(&core);
    }
}

void tide_sql_index_elements(const char *list, void (*each)(void *ud, const char *p, size_t n), void *ud)
{
    const char *p = list, *start = p;
    int depth = 0;
    char q = 0;
    for (;; p++) {
        if (q && *p) {
            if (*p == q) q = 0;
            continue;
        }
        if (*p == '\'' || *p == '"') q = *p;
        else if (*p == '(') depth++;
        else if (*p == ')') depth--;
        else if ((*p == ',' && depth == 0) || !*p) {
            while (isspace((unsigned char)*start)) start++;
            each(ud, start, (size_t)(p - start));
            if (!*p)
                break;
            start = p + 1;
        }
    }
}

typedef struct body_writer {
    tide_sqlw *w;
    int first;
} body_writer;

static void body_element(void *ud, const char *p, size_t n)
{
    body_writer *b = ud;
    tide_sqlw_put(b->w, b->first ? "" : ", ");
    b->first = 0;
    index_element(b->w, p, n);
}

void tide_sqlw_index_body(tide_sqlw *w, const tide_index *ix)
{
    if (ix->expression) {                 /* (lower(a), (a + b) desc): each element a term */
        body_writer b = { w, 1 };
        tide_sqlw_put(w, "(");
        tide_sql_index_elements(ix->expression, body_element, &b);
        tide_sqlw_put(w, ")");
    } else {
        tide_sqlw_columns(w, ix->columns, ix->ncolumns);
    }
    if (ix->ninclude) {
        tide_sqlw_put(w, " include ");
        tide_sqlw_columns(w, ix->include, ix->ninclude);
    }
    if (ix->nulls_not_distinct)           /* PostgreSQL 15 */
        tide_sqlw_put(w, " nulls not distinct");
    if (ix->with) {                       /* PostgreSQL's storage parameters */
        tide_sqlw_put(w, " with (");
        tide_sqlw_put(w, ix->with);
        tide_sqlw_put(w, ")");
    }
    if (ix->where) {
        tide_sqlw_put(w, " where ");
        tide_sqlw_put(w, ix->where);
    }
}
