/* coltype.c — SQLite's own rules for a column's declared type and default:
 * the declared text is kept as written (PRAGMA table_info reports it), only
 * the exact type INTEGER makes a one-column key the rowid, and a default
 * written "text" (double quotes) is a string literal. Introspection and
 * normalize both use these, so that the two sides of a diff agree. */
#include "sqlite_internal.h"

#include <ctype.h>
#include <string.h>

int sqlite_rowid_type(const tide_column *c)
{
    return c->declared ? !sqlite3_stricmp(c->declared, "integer") : !strcmp(c->type, "integer");
}

int sqlite_string_default(const char *d, tide_buf *out)
{
    const char *p;
    size_t n = d ? strlen(d) : 0;
    if (n < 2 || d[0] != '"' || d[n - 1] != '"')
        return 0;
    for (p = d + 1; p < d + n - 1; p++)          /* one token: a lone " ends it early */
        if (*p == '"' && (p + 1 >= d + n - 1 || *++p != '"'))
            return 0;
    tide_buf_reset(out);
    if (tide_buf_putc(out, '\'') < 0)
        return TIDE_ENOMEM;
    for (p = d + 1; p < d + n - 1; p++) {
        if (*p == '"')
            p++;                                 /* "" is one " */
        if ((*p == '\'' && tide_buf_putc(out, '\'') < 0) || tide_buf_putc(out, *p) < 0)
            return TIDE_ENOMEM;
    }
    return tide_buf_putc(out, '\'') < 0 ? TIDE_ENOMEM : 1;
}

/* Words that end a type in a column definition: a type holding one would
 * be read back as a constraint. */
static int constraint_word(const char *w, size_t n)
{
    static const struct { const char *word; size_t len; } kw[] = {
        { "constraint", 10 }, { "primary", 7 }, { "unique", 6 }, { "check", 5 }, { "references", 10 },
        { "not", 3 }, { "null", 4 }, { "default", 7 }, { "collate", 7 }, { "generated", 9 }, { "as", 2 }
    };
    size_t i;
    for (i = 0; i < sizeof kw / sizeof *kw; i++)     /* the length and first letter before the word */
        if (kw[i].len == n && (w[0] | 0x20) == kw[i].word[0] && !sqlite3_strnicmp(w, kw[i].word, (int)n))
            return 1;
    return 0;
}

/* SQLite's grammar of a type name: words, then an optional (n) or (n, m)
 * of signed numbers. */
static int type_name(const char *p)
{
    int words = 0;
    while (*p) {
        size_t n = 0;
        while (*p == ' ')
            p++;
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
        if (n == 0)
            break;
        if (constraint_word(p, n))
            return 0;
        words++;
        p += n;
    }
    if (*p == '(') {
        if (!words)
            return 0;
        p += strspn(p + 1, " +-.0123456789,") + 1;
        if (*p++ != ')')
            return 0;
        p += strspn(p, " ");
    }
    return *p == '\0';
}

/* Words and (arguments) in any order, parentheses balanced, no constraint
 * word: a type of another dialect ("timestamp(3) with time zone"). */
static int other_dialect(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        size_t n = 0;
        while (isalnum((unsigned char)p[n]) || p[n] == '_')
            n++;
        if (n && constraint_word(p, n))
            return 0;
        p += n ? n - 1 : 0;
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth < 0)
            return 0;
        else if (!n && !strchr(" ,+-.()", *p))
            return 0;
    }
    return depth == 0;
}

int sqlite_check_declared(const tide_table *t, tide_column *c, tide_err *err)
{
    if (!c->declared || c->is_enum || type_name(c->declared) || strstr(c->type, "[]"))
        return 0;                       /* arrays: the emitter names them */
    if (other_dialect(c->declared) && type_name(c->type)) {
        c->declared = NULL;             /* "timestamp(3) with time zone": timestamptz(3) */
        return 0;
    }
    return tide_err_set(err, TIDE_ECONFIG, "table %s, column %s: the type '%s' cannot be "
                        "declared on SQLite: a type is words with an optional (size) or "
                        "(precision, scale), like \"varchar(20)\" or \"DECIMAL(10, 2)\", or \"\" "
                        "for a column declared with no type", t->name, c->name, c->declared);
}
