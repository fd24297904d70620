/* lint_sql.c — reading SQL for migration:lint: a tokenizer that skips
 * strings, comments, quoted identifiers and dollar quotes, splits a script
 * into statements (keeping tide:lint-ignore comments with the statement
 * they precede or sit in), and column types as comparable values. */
#include "lint/lint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- tokens ---------------------------------------------------------------- */

/* One pass over the script, nothing read twice: every statement's tokens in
 * one array and their texts in one block, every statement's SQL a slice of
 * one copy of the script. A script of n bytes costs a few allocations, not a
 * few per token. The texts' block never moves: a token's text is no longer
 * than what it was read from, so with its NUL it takes at most twice that
 * (one-byte punctuation); the block is that size, and only what is written
 * of it is ever touched (the rest is address space, not memory). */

/* Character classes (the C locale's, which tide runs in). */
enum { C_WORD0 = 1, C_WORD = 2, C_DIGIT = 4, C_SPACE = 8, C_TAG = 16 };
static unsigned char cls[256];

static void init_classes(void)
{
    int c;
    if (cls['a'])
        return;
    for (c = 0; c < 256; c++) {
        unsigned char k = 0;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80)
            k |= C_WORD0 | C_WORD;
        if (c >= '0' && c <= '9')
            k |= C_DIGIT | C_WORD;
        if (c == '$')
            k |= C_WORD;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v')
            k |= C_SPACE;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9'))
            k |= C_TAG;
        cls[c] = k;
    }
}

typedef struct lexer {
    const char *text;      /* the script */
    const char *p;
    char *copy;            /* the script again: statements' SQL are NUL-ended slices of it */
    tide_lint_stmt cur;    /* toks, texts unset until the script is read */
    int first;             /* the current statement's first token in toks */
    int skip;              /* the current statement's tokens are no longer kept */
    int checked;           /* the current statement was looked at for that */
    int whole;             /* keep every token (completing a statement) */
    const char *start;     /* first token of the current statement, or NULL */
    const char *last;      /* end of the last token */
    tide_buf ignore;
    char *texts;           /* every token's text, NUL after each: 2 n + 2 bytes */
    size_t ntexts;         /* bytes used */
    tide_lint_tok *toks;   /* every token */
    int ntoks, cap;
    int *firsts;           /* each kept statement's first token */
} lexer;

/* A token whose text starts at d (written), of n bytes. */
static int add_tok(lexer *x, tide_lint_tokkind kind, char *d, size_t n)
{
    if (x->ntoks == x->cap) {
        int cap = x->cap ? x->cap * 2 : 1024;
        tide_lint_tok *grown = realloc(x->toks, sizeof *grown * (size_t)cap);
        if (!grown)
            return TIDE_ENOMEM;
        x->toks = grown;
        x->cap = cap;
    }
    d[n] = 0;
    x->ntexts += n + 1;
    x->toks[x->ntoks].text = d;
    x->toks[x->ntoks++].kind = kind;
    x->cur.ntoks++;
    return 0;
}

static int push_tok(lexer *x, tide_lint_tokkind kind, const char *p, size_t n, int lower)
{
    size_t i;
    char *d = x->texts + x->ntexts;
    if (x->skip)
        return 0;
    if (lower) {
        for (i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)p[i];
            d[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
        }
    } else {
        memcpy(d, p, n);
    }
    return add_tok(x, kind, d, n);
}

/* A quoted run from p (at the opening q) to the closing q, doubled q
 * escaping it; backslash escapes too when bs. Returns the end (past q);
 * *doubled is set when a doubled q was seen. */
static const char *quoted_end(const char *p, char q, int bs, int *doubled)
{
    for (p++; *p; p++) {
        if (bs && *p == '\\' && p[1])
            p++;
        else if (*p == q && p[1] == q)
            p++, *doubled = 1;
        else if (*p == q)
            return p + 1;
    }
    return p;
}

/* Unquotes [p, end) (without its quotes), undoubling q, as a token. */
static int push_unquoted(lexer *x, tide_lint_tokkind kind, const char *p, const char *end, char q,
                         int doubled)
{
    size_t o = 0;
    char *d = x->texts + x->ntexts;
    if (x->skip)
        return 0;
    if (!doubled)
        return push_tok(x, kind, p, (size_t)(end - p), 0);   /* no doubled quote: the text as it is */
    for (; p < end; p++) {
        if (*p == q && p + 1 < end && p[1] == q)
            p++;
        d[o++] = *p;
    }
    return add_tok(x, kind, d, o);
}

/* Keeps the rule ids of a tide:lint-ignore comment [p, end). */
static int note_comment(lexer *x, const char *p, const char *end)
{
    static const char mark[] = "tide:lint-ignore";
    const char *m;
    size_t n = (size_t)(end - p);
    char *text;
    int rc = 0;
    if (!memmem(p, n, mark, sizeof mark - 1))
        return 0;                             /* most comments: nothing to keep */
    if (!(text = strndup(p, n)))
        return TIDE_ENOMEM;
    if ((m = strstr(text, mark)) != NULL) {
        for (m += sizeof mark - 1; *m && rc == 0;) {
            size_t len;
            m += strspn(m, " \t,");
            len = strcspn(m, " \t,\r\n*");
            if (!len)
                break;
            rc = tide_buf_printf(&x->ignore, "%s%.*s ", x->ignore.len ? "" : " ", (int)len, m);
            m += len;
        }
    }
    free(text);
    return rc < 0 ? TIDE_ENOMEM : 0;
}

static int is_trigger(const tide_lint_stmt *s)
{
    int i;
    if (!tide_lint__is(s, 0, "create"))
        return 0;
    for (i = 1; i < s->ntoks && i < 4; i++)
        if (tide_lint__is(s, i, "trigger"))
            return 1;
    return 0;
}

/* At the first "(" of a statement: a CREATE [TEMP|TEMPORARY|UNLOGGED]
 * TABLE (not a trigger: none of its first words is "trigger") keeps no more
 * tokens; where they start is kept for tide_lint__complete. The rules read
 * such a statement's kind and name; its columns only when asked. */
static void maybe_defer(lexer *x, const char *after)
{
    tide_lint_stmt *s = &x->cur;
    int i = 1, k;
    if (x->whole || x->checked)
        return;
    x->checked = 1;
    s->toks = x->toks + x->first;
    if (s->ntoks < 4 || !tide_lint__is(s, 0, "create"))
        return;                         /* 4: is_trigger's first words all read */
    for (k = 1; k < 4 && k < s->ntoks; k++)
        if (tide_lint__is(s, k, "trigger"))
            return;
    while (tide_lint__is(s, i, "temp") || tide_lint__is(s, i, "temporary") || tide_lint__is(s, i, "unlogged"))
        i++;
    if (!tide_lint__is(s, i, "table"))
        return;
    x->skip = 1;
    s->rest = x->copy + (after - x->text);
}

static void stmt_free(tide_lint_stmt *s)
{
    free(s->own[0]);
    free(s->own[1]);
    free(s->ignore);
    memset(s, 0, sizeof *s);
}

/* Ends the statement in progress at end: kept when it has tokens. Its
 * tokens stay where they are: the next statement's follow them. */
static int end_stmt(lexer *x, tide_lint_stmts *out, const char *end)
{
    int rc = 0;
    if (x->cur.ntoks == 0) {
        stmt_free(&x->cur);
    } else if (tide_list_reserve(&out->items, out->n, sizeof *out->items) < 0 ||
               tide_list_reserve(&x->firsts, out->n - out->from, sizeof *x->firsts) < 0) {
        stmt_free(&x->cur);
        rc = TIDE_ENOMEM;
    } else {
        x->cur.sql = x->copy + (x->start - x->text);
        x->copy[end - x->text] = 0;
        x->cur.toks = NULL;
        x->cur.ignore = x->ignore.len ? tide_buf_detach(&x->ignore) : NULL;
        x->cur.index = out->n + 1;
        x->firsts[out->n - out->from] = x->first;
        out->items[out->n++] = x->cur;
    }
    if (x->cur.ntoks == 0 || rc < 0)
        x->ntoks = x->first;                /* nothing kept: its tokens go */
    memset(&x->cur, 0, sizeof x->cur);
    tide_buf_reset(&x->ignore);
    x->first = x->ntoks;
    x->start = NULL;
    x->skip = x->checked = 0;
    return rc;
}

/* What a token holds: its kind and text (to unquote when q is set). */
typedef struct span {
    tide_lint_tokkind kind;
    const char *b;
    size_t n;
    char q;                /* the quote to undouble, or 0 */
    int doubled;           /* a doubled q was seen */
    int lower;             /* a word: lowercased */
} span;

/* The token at p (no comment, no ';', no space): where it ends, and in *sp
 * what it holds. The split and skip_rest both read tokens through it. */
static const char *token_at(const char *p, span *sp)
{
    const char *e;
    sp->q = 0;
    sp->doubled = 0;
    sp->lower = 0;
    if (*p == '\'' || ((*p == 'e' || *p == 'E') && p[1] == '\'' )) {
        int bs = *p != '\'';
        const char *q = bs ? p + 1 : p;
        e = quoted_end(q, '\'', bs, &sp->doubled);
        sp->kind = TIDE_LTOK_STRING;
        sp->b = q + 1;
        sp->n = (size_t)((e[-1] == '\'' && e - 1 > q ? e - 1 : e) - sp->b);
        sp->q = '\'';
    } else if (*p == '"' || *p == '`') {
        e = quoted_end(p, *p, 0, &sp->doubled);
        sp->kind = TIDE_LTOK_IDENT;
        sp->b = p + 1;
        sp->n = (size_t)((e - 1 > p && e[-1] == *p ? e - 1 : e) - sp->b);
        sp->q = *p;
    } else if (*p == '$' && (p[1] == '$' || (cls[(unsigned char)p[1]] & C_TAG && !(cls[(unsigned char)p[1]] & C_DIGIT)))) {
        const char *t = p + 1, *close;
        size_t taglen;
        while (cls[(unsigned char)*t] & C_TAG)
            t++;
        if (*t != '$') {
            e = p + 1;
            sp->kind = TIDE_LTOK_PUNCT;
            sp->b = p;
            sp->n = 1;
        } else {
            char tag[80];
            taglen = (size_t)(t - p) + 1;
            snprintf(tag, sizeof tag, "%.*s", (int)(taglen < sizeof tag ? taglen : sizeof tag - 1), p);
            close = strstr(p + taglen, tag);
            e = close ? close + taglen : p + strlen(p);
            sp->kind = TIDE_LTOK_STRING;
            sp->b = p + taglen;
            sp->n = close ? (size_t)(close - p - taglen) : 0;
        }
    } else if (cls[(unsigned char)*p] & C_WORD0) {
        for (e = p + 1; cls[(unsigned char)*e] & C_WORD; e++)
            ;
        sp->kind = TIDE_LTOK_WORD;
        sp->b = p;
        sp->n = (size_t)(e - p);
        sp->lower = 1;
    } else if (cls[(unsigned char)*p] & C_DIGIT) {
        for (e = p + 1; (cls[(unsigned char)*e] & C_TAG && *e != '_') || *e == '.'; e++)
            ;
        sp->kind = TIDE_LTOK_NUMBER;
        sp->b = p;
        sp->n = (size_t)(e - p);
    } else {
        e = p + 1;
        sp->kind = TIDE_LTOK_PUNCT;
        sp->b = p;
        sp->n = 1;
    }
    return e;
}

/* A statement that keeps no more tokens (maybe_defer): on to its end (the
 * next ';' outside quotes and comments, or the script's end), its
 * tide:lint-ignore comments still read, the end of its last token noted. */
static int skip_rest(lexer *x)
{
    const char *p = x->p, *e;
    span sp;
    int rc;
    for (;;) {
        while (cls[(unsigned char)*p] & C_SPACE)
            p++;
        if (!*p || *p == ';')
            break;
        if ((p[0] == '-' && p[1] == '-') || (p[0] == '/' && p[1] == '*')) {
            if (p[0] == '-') {
                e = p + strcspn(p, "\n");
            } else {
                e = strstr(p + 2, "*/");
                e = e ? e + 2 : p + strlen(p);
            }
            if ((rc = note_comment(x, p, e)) < 0) {
                x->p = e;
                return rc;
            }
            p = e;
            continue;
        }
        p = x->last = token_at(p, &sp);
    }
    x->p = p;
    return 0;
}

/* One lexical item at x->p: a comment, a token, or a statement's end. */
static int lex_one(lexer *x, tide_lint_stmts *out)
{
    const char *p = x->p, *e;
    span sp;
    int rc = 0;
    if (p[0] == '-' && p[1] == '-') {
        e = p + strcspn(p, "\n");
        x->p = e;
        return note_comment(x, p, e);
    }
    if (p[0] == '/' && p[1] == '*') {
        e = strstr(p + 2, "*/");
        e = e ? e + 2 : p + strlen(p);
        x->p = e;
        return note_comment(x, p, e);
    }
    if (!x->start && *p != ';')
        x->start = p;
    if (*p == ';') {
        int n = x->cur.ntoks;
        x->cur.toks = x->toks + x->first;   /* read below, before the statement ends */
        if (is_trigger(&x->cur) && tide_lint__find(&x->cur, 0, -1, "begin") >= 0 &&
            !(n > 0 && tide_lint__is(&x->cur, n - 1, "end"))) {
            x->p = p + 1;
            return push_tok(x, TIDE_LTOK_PUNCT, p, 1, 0);
        }
        x->p = p + 1;
        return end_stmt(x, out, x->last ? x->last : p);
    }
    e = token_at(p, &sp);
    if (sp.q)
        rc = push_unquoted(x, sp.kind, sp.b, sp.b + sp.n, sp.q, sp.doubled);
    else
        rc = push_tok(x, sp.kind, sp.b, sp.n, sp.lower);
    if (*p == '(' && sp.kind == TIDE_LTOK_PUNCT && !x->skip && rc == 0)
        maybe_defer(x, e);
    x->p = e;
    x->last = e;
    return rc;
}

int tide_lint__split(const char *text, tide_lint_stmts *out, tide_err *err)
{
    lexer x;
    size_t len = strlen(text);
    int rc = 0, i;
    void **blocks;
    init_classes();
    memset(&x, 0, sizeof x);
    x.text = x.p = text;
    out->from = out->n;
    if (!(x.copy = malloc(len + 1)) || !(x.texts = malloc(2 * len + 2)) ||
        !(blocks = realloc(out->blocks, sizeof *blocks * (size_t)(out->nblocks + 3)))) {
        free(x.copy);
        free(x.texts);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory reading SQL");
    }
    out->blocks = blocks;
    memcpy(x.copy, text, len + 1);
    while (rc == 0) {
        while (cls[(unsigned char)*x.p] & C_SPACE)
            x.p++;
        if (!*x.p)
            break;
        rc = lex_one(&x, out);
        if (rc == 0 && x.skip)
            rc = skip_rest(&x);
    }
    if (rc == 0)
        rc = end_stmt(&x, out, x.last ? x.last : x.p);
    stmt_free(&x.cur);
    tide_buf_free(&x.ignore);
    /* the blocks are the statements' now; the tokens have stopped moving */
    for (i = out->from; i < out->n; i++)
        out->items[i].toks = x.toks + x.firsts[i - out->from];
    free(x.firsts);
    out->blocks[out->nblocks++] = x.copy;
    out->blocks[out->nblocks++] = x.toks;
    out->blocks[out->nblocks++] = x.texts;
    return rc < 0 ? tide_err_set(err, TIDE_ENOMEM, "out of memory reading SQL") : 0;
}

int tide_lint__complete(tide_lint_stmt *s)
{
    lexer x;
    tide_lint_stmts none = { NULL, 0, NULL, 0, 0 };
    size_t len;
    int rc = 0;
    if (!s->rest)
        return 0;
    init_classes();
    len = strlen(s->rest);                  /* the statement's copy ends after its last token */
    memset(&x, 0, sizeof x);
    x.text = x.p = s->rest;
    x.whole = 1;
    x.cap = s->ntoks + 64;
    x.start = s->rest;
    if (!(x.texts = malloc(2 * len + 2)) || !(x.toks = malloc(sizeof *x.toks * (size_t)x.cap))) {
        free(x.texts);
        return TIDE_ENOMEM;
    }
    memcpy(x.toks, s->toks, sizeof *x.toks * (size_t)s->ntoks);
    x.ntoks = x.cur.ntoks = s->ntoks;
    while (rc == 0) {                       /* no ';' ends it: the split ended it at the first */
        while (cls[(unsigned char)*x.p] & C_SPACE)
            x.p++;
        if (!*x.p)
            break;
        rc = lex_one(&x, &none);
    }
    tide_buf_free(&x.ignore);               /* its comments were read by the split */
    tide_lint__stmts_free(&none);
    if (rc < 0) {
        free(x.texts);
        free(x.toks);
        return TIDE_ENOMEM;
    }
    s->toks = x.toks;
    s->ntoks = x.ntoks;
    s->own[0] = x.toks;
    s->own[1] = x.texts;
    s->rest = NULL;
    return 0;
}

void tide_lint__stmts_free(tide_lint_stmts *s)
{
    int i;
    for (i = 0; i < s->n; i++)
        stmt_free(&s->items[i]);
    for (i = 0; i < s->nblocks; i++)
        free(s->blocks[i]);
    free(s->blocks);
    free(s->items);
    memset(s, 0, sizeof *s);
}

/* ---- reading tokens -------------------------------------------------------- */

int tide_lint__is(const tide_lint_stmt *s, int i, const char *w)
{
    /* the first byte before strcmp: most calls compare a token with a word it is not */
    return i >= 0 && i < s->ntoks && s->toks[i].kind != TIDE_LTOK_IDENT &&
           s->toks[i].kind != TIDE_LTOK_STRING && s->toks[i].text[0] == w[0] && !strcmp(s->toks[i].text, w);
}

int tide_lint__find(const tide_lint_stmt *s, int from, int end, const char *w)
{
    int i, depth = 0;
    if (end < 0 || end > s->ntoks)
        end = s->ntoks;
    for (i = from; i < end; i++) {
        if (tide_lint__is(s, i, "("))
            depth++;
        else if (tide_lint__is(s, i, ")"))
            depth--;
        else if (depth == 0 && tide_lint__is(s, i, w))
            return i;
    }
    return -1;
}

int tide_lint__skip_group(const tide_lint_stmt *s, int i)
{
    int depth = 0;
    if (!tide_lint__is(s, i, "("))
        return i + 1;
    for (; i < s->ntoks; i++) {
        if (tide_lint__is(s, i, "("))
            depth++;
        else if (tide_lint__is(s, i, ")") && --depth == 0)
            return i + 1;
    }
    return s->ntoks;
}

static int is_name(const tide_lint_stmt *s, int i)
{
    return i < s->ntoks && (s->toks[i].kind == TIDE_LTOK_WORD || s->toks[i].kind == TIDE_LTOK_IDENT);
}

int tide_lint__name(const tide_lint_stmt *s, int *i, char *out, size_t n)
{
    const char *a, *b = NULL;
    if (!is_name(s, *i))
        return -1;
    a = s->toks[*i].text;
    if (tide_lint__is(s, *i + 1, ".") && is_name(s, *i + 2)) {
        b = s->toks[*i + 2].text;
        *i += 3;
    } else {
        *i += 1;
    }
    if (b && (!strcmp(a, "public") || !strcmp(a, "main")))
        a = b, b = NULL;
    if (b)
        snprintf(out, n, "%s.%s", a, b);
    else
        snprintf(out, n, "%s", a);
    return 0;
}

static int wordlike(const tide_lint_tok *t)
{
    return t->kind != TIDE_LTOK_PUNCT;
}

int tide_lint__text(const tide_lint_stmt *s, int from, int end, tide_buf *out)
{
    int i, rc = 0;
    for (i = from; i < end && i < s->ntoks && rc == 0; i++) {
        const tide_lint_tok *t = &s->toks[i];
        if (i > from && wordlike(t) && wordlike(&s->toks[i - 1]))
            rc = tide_buf_putc(out, ' ');
        if (rc == 0)
            rc = t->kind == TIDE_LTOK_STRING ? tide_buf_printf(out, "'%s'", t->text)
                                             : tide_buf_puts(out, t->text);
    }
    return rc;
}

/* ---- column types ----------------------------------------------------------- */

typedef struct type_name {
    const char *name;
    tide_lint_family family;
    int size;
} type_name;

static const type_name type_names[] = {
    {"smallint", TIDE_LTYPE_INT, 2}, {"int2", TIDE_LTYPE_INT, 2}, {"smallserial", TIDE_LTYPE_INT, 2},
    {"integer", TIDE_LTYPE_INT, 4}, {"int", TIDE_LTYPE_INT, 4}, {"int4", TIDE_LTYPE_INT, 4},
    {"serial", TIDE_LTYPE_INT, 4}, {"mediumint", TIDE_LTYPE_INT, 4},
    {"bigint", TIDE_LTYPE_INT, 8}, {"int8", TIDE_LTYPE_INT, 8}, {"bigserial", TIDE_LTYPE_INT, 8},
    {"real", TIDE_LTYPE_FLOAT, 4}, {"float4", TIDE_LTYPE_FLOAT, 4},
    {"double precision", TIDE_LTYPE_FLOAT, 8}, {"double", TIDE_LTYPE_FLOAT, 8},
    {"float8", TIDE_LTYPE_FLOAT, 8}, {"float", TIDE_LTYPE_FLOAT, 8},
    {"numeric", TIDE_LTYPE_NUMERIC, 0}, {"decimal", TIDE_LTYPE_NUMERIC, 0},
    {"varchar", TIDE_LTYPE_STRING, -1}, {"character varying", TIDE_LTYPE_STRING, -1},
    {"char", TIDE_LTYPE_STRING, 1}, {"character", TIDE_LTYPE_STRING, 1}, {"bpchar", TIDE_LTYPE_STRING, 1},
    {"text", TIDE_LTYPE_STRING, -1}, {"clob", TIDE_LTYPE_STRING, -1},
    {"boolean", TIDE_LTYPE_BOOL, 1}, {"bool", TIDE_LTYPE_BOOL, 1},
    {"timestamp", TIDE_LTYPE_TIME, 0}, {"timestamptz", TIDE_LTYPE_TIME, 0},
    {"timestamp with time zone", TIDE_LTYPE_TIME, 0}, {"timestamp without time zone", TIDE_LTYPE_TIME, 0},
    {"date", TIDE_LTYPE_TIME, 0}, {"datetime", TIDE_LTYPE_TIME, 0},
    {NULL, TIDE_LTYPE_OTHER, 0}
};

/* "varchar ( 10 )" -> base "varchar", args 10; spaces squeezed, lowercased. */
static void squeeze(const char *text, char *base, size_t n, int *args, int *nargs)
{
    size_t o = 0;
    const char *p = text;
    *nargs = 0;
    while (*p && *p != '(' && o + 1 < n) {
        if (isspace((unsigned char)*p)) {
            if (o && base[o - 1] != ' ')
                base[o++] = ' ';
        } else {
            base[o++] = (char)tolower((unsigned char)*p);
        }
        p++;
    }
    while (o && base[o - 1] == ' ')
        o--;
    base[o] = 0;
    while (*p && *p != ')' && *nargs < 2) {
        p++;
        p += strspn(p, " \t");
        if (isdigit((unsigned char)*p) || *p == '-')
            args[(*nargs)++] = atoi(p);
        p += strcspn(p, ",)");
    }
}

void tide_lint__type(const char *text, tide_lint_type *out)
{
    int args[2], nargs, i;
    memset(out, 0, sizeof *out);
    squeeze(text, out->base, sizeof out->base, args, &nargs);
    out->precision = out->scale = -1;
    for (i = 0; type_names[i].name; i++)
        if (!strcmp(out->base, type_names[i].name))
            break;
    out->family = type_names[i].family;
    out->size = type_names[i].size;
    if (strstr(text, "[]"))
        out->family = TIDE_LTYPE_OTHER;
    if (out->family == TIDE_LTYPE_STRING) {
        out->fixed = out->size == 1;
        if (nargs)
            out->size = args[0];
    } else if (out->family == TIDE_LTYPE_NUMERIC && nargs) {
        out->precision = args[0];
        out->scale = nargs > 1 ? args[1] : 0;
    }
}

static int int_digits(int size)
{
    return size == 2 ? 5 : size == 4 ? 10 : 19;
}

static int same_family_narrows(const tide_lint_type *a, const tide_lint_type *b)
{
    switch (a->family) {
    case TIDE_LTYPE_INT:
    case TIDE_LTYPE_FLOAT:
        return b->size < a->size;
    case TIDE_LTYPE_NUMERIC:
        if (b->precision < 0)
            return 0;
        return a->precision < 0 || b->precision - b->scale < a->precision - a->scale ||
               b->scale < a->scale;
    case TIDE_LTYPE_STRING:
        return b->size >= 0 && (a->size < 0 || b->size < a->size);
    case TIDE_LTYPE_TIME:
        return !strcmp(b->base, "date") && strcmp(a->base, "date");
    default:
        return 0;
    }
}

int tide_lint__narrows(const tide_lint_type *a, const tide_lint_type *b)
{
    if (a->family == b->family)
        return same_family_narrows(a, b);
    if (a->family == TIDE_LTYPE_OTHER || b->family == TIDE_LTYPE_OTHER)
        return 0;                               /* not a type we can judge */
    if (b->family == TIDE_LTYPE_STRING)
        return b->size >= 0;                    /* everything prints; bounded text may not fit */
    if (a->family == TIDE_LTYPE_INT && b->family == TIDE_LTYPE_NUMERIC)
        return b->precision >= 0 && b->precision - b->scale < int_digits(a->size);
    if (a->family == TIDE_LTYPE_INT && b->family == TIDE_LTYPE_FLOAT)
        return 0;
    if (a->family == TIDE_LTYPE_BOOL && b->family == TIDE_LTYPE_INT)
        return 0;
    return 1;                                   /* text to int, float to int, ... */
}
