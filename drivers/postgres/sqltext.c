/* sqltext.c — a token scanner for PostgreSQL SQL, shared by the placeholder
 * rewriter and the script splitter. It knows only what can hide a `?` or a
 * `;`: quoted strings (standard, E'' with backslashes), quoted identifiers,
 * dollar quotes, comments (block comments nest) and words. */
#include "sqltext.h"

#include <string.h>

enum { TK_CHAR, TK_WORD, TK_QUOTED, TK_COMMENT, TK_SPACE };

/* ASCII classes by hand: <ctype.h> would depend on the locale, and the
 * server treats every byte >= 0x80 as a letter. */
static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_word_char(unsigned char c) { return is_alpha(c) || is_digit(c) || c == '$'; }

static int word_is(const char *w, size_t n, const char *kw)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)kw[i])
            return 0;
    }
    return kw[n] == '\0';
}

/* Past the closing quote q of the string or identifier opening at p, or at
 * the terminating NUL when it is unterminated. */
static const char *end_quoted(const char *p, char q, int backslash_escapes)
{
    for (p++; *p; p++) {
        if (backslash_escapes && *p == '\\' && p[1]) {
            p++;
        } else if (*p == q) {
            if (p[1] != q)
                return p + 1;
            p++;
        }
    }
    return p;
}

/* Past the $tag$...$tag$ opening at p, or p itself when no dollar quote
 * opens there ($1 is a parameter, not a quote). */
static const char *end_dollar(const char *p)
{
    const char *t = p + 1, *close;
    size_t n;
    if (is_alpha((unsigned char)*t))
        while (is_alpha((unsigned char)*t) || is_digit((unsigned char)*t))
            t++;
    if (*t != '$')
        return p;
    n = (size_t)(t + 1 - p);
    for (close = t + 1; (close = strchr(close, '$')) != NULL; close++)
        if (!strncmp(close, p, n))
            return close + n;
    return p + strlen(p);
}

static const char *end_block_comment(const char *p)
{
    int depth = 0;
    while (*p) {
        if (p[0] == '/' && p[1] == '*') {
            depth++;
            p += 2;
        } else if (p[0] == '*' && p[1] == '/') {
            p += 2;
            if (--depth == 0)
                return p;
        } else {
            p++;
        }
    }
    return p;
}

/* The end of the token at p (*p != NUL) and its kind. Words are consumed
 * whole, so that E'...' and $tag$ are only recognised where a token starts
 * (in `somee'x'` and `a$b$` they are not quotes, as in the server). */
static const char *next_token(const char *p, int *kind)
{
    unsigned char c = (unsigned char)*p;
    const char *e;
    *kind = TK_QUOTED;
    if (c == '\'' || c == '"')
        return end_quoted(p, (char)c, 0);
    if ((c == 'E' || c == 'e') && p[1] == '\'')
        return end_quoted(p + 1, '\'', 1);
    if (c == '$' && (e = end_dollar(p)) != p)
        return e;
    *kind = TK_COMMENT;
    if (c == '-' && p[1] == '-')
        return p + 2 + strcspn(p + 2, "\n");
    if (c == '/' && p[1] == '*')
        return end_block_comment(p);
    *kind = is_space(c) ? TK_SPACE : TK_CHAR;
    if (is_alpha(c) || is_digit(c)) {
        *kind = TK_WORD;
        while (is_word_char((unsigned char)*++p))
            ;
        return p;
    }
    return p + 1;
}

int tide_pg__rewrite_placeholders(const char *sql, tide_buf *out, int *count, tide_err *err)
{
    const char *p = sql, *e;
    int kind, n = 0, rc = 0;
    while (*p && rc == 0) {
        e = next_token(p, &kind);
        if (kind != TK_CHAR || *p != '?') {
            rc = tide_buf_add(out, p, (size_t)(e - p));
            p = e;
        } else if (p[1] == '?') {                        /* ?? is a literal ? */
            rc = tide_buf_putc(out, '?');
            p += 2;
        } else if ((p[1] == '|' || p[1] == '&') && p[2] != p[1]) {   /* jsonb ?| ?& */
            rc = tide_buf_add(out, p, 2);
            p += 2;
        } else {
            rc = tide_buf_printf(out, "$%d", ++n);
            p++;
        }
    }
    *count = n;
    if (rc < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* Where a `;` may not end the statement: inside parentheses (CREATE RULE
 * ... DO (a; b)) and inside the BEGIN ATOMIC ... END body of a SQL-standard
 * function, found with psql's heuristic: the statement starts with CREATE
 * [OR REPLACE] FUNCTION|PROCEDURE, and CASE ... END nests within BEGIN. */
typedef struct nesting {
    int parens, begins, nwords;
    char head[4];
} nesting;

static void track_word(nesting *s, const char *w, size_t n)
{
    static const char *const lead[] = { "create", "or", "replace", "function", "procedure" };
    const char *h = s->head;
    size_t i;
    if (s->nwords < 4)
        for (i = 0; i < sizeof lead / sizeof *lead; i++)
            if (word_is(w, n, lead[i]))
                s->head[s->nwords] = lead[i][0];
    s->nwords++;
    if (h[0] != 'c' || s->parens > 0)
        return;
    if (!(h[1] == 'f' || h[1] == 'p' || (h[1] == 'o' && h[2] == 'r' && (h[3] == 'f' || h[3] == 'p'))))
        return;
    if (word_is(w, n, "begin"))
        s->begins++;
    else if (word_is(w, n, "case") && s->begins > 0)
        s->begins++;
    else if (word_is(w, n, "end") && s->begins > 0)
        s->begins--;
}

/* The `;` ending the statement that starts at p, or the terminating NUL. */
static const char *statement_end(const char *p)
{
    nesting s = { 0, 0, 0, { 0, 0, 0, 0 } };
    const char *e;
    int kind;
    for (; *p; p = e) {
        e = next_token(p, &kind);
        if (kind == TK_WORD)
            track_word(&s, p, (size_t)(e - p));
        else if (kind != TK_CHAR)
            continue;
        else if (*p == '(')
            s.parens++;
        else if (*p == ')' && s.parens > 0)
            s.parens--;
        else if (*p == ';' && s.parens == 0 && s.begins == 0)
            return p;
    }
    return p;
}

static const char *skip_blanks(const char *p)
{
    int kind;
    while (*p) {
        const char *e = next_token(p, &kind);
        if (kind != TK_SPACE && kind != TK_COMMENT)
            break;
        p = e;
    }
    return p;
}

int tide_pg__next_statement(const char **pos, const char **start, size_t *len)
{
    const char *s = skip_blanks(*pos), *e;
    while (*s == ';')
        s = skip_blanks(s + 1);
    if (!*s) {
        *pos = s;
        return 0;
    }
    e = statement_end(s);
    *pos = *e ? e + 1 : e;
    while (e > s && is_space((unsigned char)e[-1]))
        e--;
    *start = s;
    *len = (size_t)(e - s);
    return 1;
}

const char *tide_pg__paren_end(const char *open)
{
    const char *p;
    char quote = 0;
    int depth = 0;
    for (p = open; *p; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p;
        }
    }
    return NULL;
}
