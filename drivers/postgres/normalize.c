/* normalize.c — what PostgreSQL keeps of definitions, without a connection
 * (the driver's normalize): a standalone sequence's options, in any order
 * and with any left out, become every option in one order, with the values
 * PostgreSQL would choose for those not said, the way introspection reads
 * them: "as bigint increment by 1 minvalue 1 maxvalue 9223372036854775807
 * start with 1 cache 1 no cycle". */
#include "pg_internal.h"
#include "sqltext.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct seqopts {
    char type[16];               /* smallint, integer, bigint */
    int64_t increment, min, max, start, cache;
    int has_min, has_max, has_start, cycle;
    char name[128];              /* "sequence name N" (a column's own sequence; "" when not said) */
} seqopts;

typedef struct lexer {
    const char *p;
    char word[64];
} lexer;

/* The next word or number, lowercased, into lx->word; 0 at the end. */
static int next(lexer *lx)
{
    size_t n = 0;
    while (isspace((unsigned char)*lx->p) || *lx->p == ',')
        lx->p++;
    if (!*lx->p)
        return 0;
    while (*lx->p && !isspace((unsigned char)*lx->p) && *lx->p != ',' && n + 1 < sizeof lx->word)
        lx->word[n++] = (char)tolower((unsigned char)*lx->p++);
    lx->word[n] = '\0';
    return 1;
}

/* Peeks: is the next word w? Consumes it when it is. */
static int accept(lexer *lx, const char *w)
{
    lexer save = *lx;
    if (next(lx) && !strcmp(lx->word, w))
        return 1;
    *lx = save;
    return 0;
}

static int number(lexer *lx, int64_t *out)
{
    char *end;
    if (!next(lx))
        return -1;
    errno = 0;
    *out = strtoll(lx->word, &end, 10);
    return *end || errno ? -1 : 0;
}

static int set_type(seqopts *o, const char *spelling)
{
    static const struct { const char *alias, *type; } types[] = {
        { "smallint", "smallint" }, { "int2", "smallint" }, { "integer", "integer" },
        { "int", "integer" }, { "int4", "integer" }, { "bigint", "bigint" }, { "int8", "bigint" },
    };
    size_t i;
    for (i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(spelling, types[i].alias)) {
            strcpy(o->type, types[i].type);
            return 0;
        }
    return -1;
}

/* The sequence's name after "sequence name": "quoted" as written, a bare
 * one folded to lower case, a schema before a dot left out (the sequence
 * lives in its table's). */
static int seq_name(lexer *lx, seqopts *o)
{
    size_t n = 0;
    while (isspace((unsigned char)*lx->p))
        lx->p++;
    for (;;) {
        n = 0;
        if (*lx->p == '"') {
            for (lx->p++; *lx->p && !(lx->p[0] == '"' && lx->p[1] != '"'); lx->p++) {
                if (*lx->p == '"')
                    lx->p++;                         /* "" is one quote */
                if (n + 1 >= sizeof o->name)
                    return -1;
                o->name[n++] = *lx->p;
            }
            if (*lx->p++ != '"')
                return -1;
        } else {
            while (*lx->p && !isspace((unsigned char)*lx->p) && *lx->p != ',' && *lx->p != '.') {
                if (n + 1 >= sizeof o->name)
                    return -1;
                o->name[n++] = (char)tolower((unsigned char)*lx->p++);
            }
        }
        o->name[n] = '\0';
        if (*lx->p != '.')
            return n ? 0 : -1;
        lx->p++;                                     /* schema.name: the name */
    }
}

/* One option at lx; -1 when it is not one. */
static int option(lexer *lx, seqopts *o)
{
    if (accept(lx, "sequence"))
        return accept(lx, "name") ? seq_name(lx, o) : -1;
    if (accept(lx, "as"))
        return next(lx) ? set_type(o, lx->word) : -1;
    if (accept(lx, "increment")) {
        accept(lx, "by");
        return number(lx, &o->increment);
    }
    if (accept(lx, "minvalue"))
        return o->has_min = 1, number(lx, &o->min);
    if (accept(lx, "maxvalue"))
        return o->has_max = 1, number(lx, &o->max);
    if (accept(lx, "start")) {
        accept(lx, "with");
        return o->has_start = 1, number(lx, &o->start);
    }
    if (accept(lx, "cache"))
        return number(lx, &o->cache);
    if (accept(lx, "cycle"))
        return o->cycle = 1, 0;
    if (accept(lx, "no")) {
        if (accept(lx, "cycle"))
            return o->cycle = 0, 0;
        if (accept(lx, "minvalue"))
            return o->has_min = 0, 0;
        if (accept(lx, "maxvalue"))
            return o->has_max = 0, 0;
    }
    return -1;
}

/* The values PostgreSQL fills in for the options not said. */
static void defaults(seqopts *o)
{
    int64_t tmax = !strcmp(o->type, "smallint") ? INT16_MAX : !strcmp(o->type, "integer") ? INT32_MAX
                                                                                          : INT64_MAX;
    int64_t tmin = !strcmp(o->type, "smallint") ? INT16_MIN : !strcmp(o->type, "integer") ? INT32_MIN
                                                                                          : INT64_MIN;
    if (!o->has_min)
        o->min = o->increment > 0 ? 1 : tmin;
    if (!o->has_max)
        o->max = o->increment > 0 ? tmax : -1;
    if (!o->has_start)
        o->start = o->increment > 0 ? o->min : o->max;
}

/* Reads options over o (its type and defaults set); the error names what. */
static int parse_seq(const char *what, const char *options, seqopts *o, tide_err *err)
{
    lexer lx;
    lx.p = options ? options : "";
    for (;;) {
        const char *at;
        while (isspace((unsigned char)*lx.p))
            lx.p++;
        if (!*lx.p)
            break;
        at = lx.p;
        if (option(&lx, o) < 0)
            return tide_err_set(err, TIDE_ECONFIG, "%s: cannot read its options at '%.40s' "
                                "(expected: as smallint|integer|bigint, increment by N, minvalue N, "
                                "maxvalue N, start with N, cache N, [no] cycle, sequence name N)", what, at);
    }
    if (o->increment == 0 || o->cache < 1)
        return tide_err_set(err, TIDE_ECONFIG, "%s: %s", what,
                            o->increment == 0 ? "increment by must not be 0" : "cache must be at least 1");
    defaults(o);
    return 0;
}

static void seq_init(seqopts *o, const char *type)
{
    memset(o, 0, sizeof *o);
    strcpy(o->type, type);
    o->increment = 1;
    o->cache = 1;
}

static int put_full(const seqopts *o, tide_buf *out, tide_err *err)
{
    tide_buf_reset(out);
    if (tide_buf_printf(out, "as %s increment by %" PRId64 " minvalue %" PRId64 " maxvalue %" PRId64
                        " start with %" PRId64 " cache %" PRId64 " %s", o->type, o->increment, o->min,
                        o->max, o->start, o->cache, o->cycle ? "cycle" : "no cycle") < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

int pg_seq_canonical(const char *name, const char *options, tide_buf *out, tide_err *err)
{
    seqopts o;
    char what[300];
    seq_init(&o, "bigint");
    snprintf(what, sizeof what, "sequence %s", name);
    if (parse_seq(what, options, &o, err) < 0)
        return TIDE_ECONFIG;
    return put_full(&o, out, err);
}

/* n bytes of name cut back to a whole UTF-8 character (pg_mbcliplen). */
static size_t clip_utf8(const char *name, size_t n)
{
    while (n && ((unsigned char)name[n] & 0xC0) == 0x80)
        n--;
    return n;
}

void pg_object_name(const char *name1, const char *name2, const char *label, char out[64])
{
    size_t n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
    size_t avail = 63 - (strlen(label) + 1) - (name2 ? 1 : 0);
    while (n1 + n2 > avail) {                 /* the longer name gives way first */
        if (n1 > n2)
            n1--;
        else
            n2--;
    }
    n1 = clip_utf8(name1, n1);
    n2 = name2 ? clip_utf8(name2, n2) : 0;
    snprintf(out, 64, "%.*s%s%.*s_%s", (int)n1, name1, name2 ? "_" : "", (int)n2, name2 ? name2 : "", label);
}

/* The name PostgreSQL gives a column's own sequence: <table>_<column>_seq. */
void pg_seq_default_name(const char *table, const char *column, char out[64])
{
    pg_object_name(table, column, "seq", out);
}

static int taken(char names[][64], int n, const char *name)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return 1;
    return 0;
}

void pg_index_default_name(const char *table, const char *const *cols, int n, const char *label, char out[64])
{
    char names[32][64], joined[160] = "";
    size_t len = 0;
    int i, k;
    for (i = 0; i < n && i < 32; i++) {       /* ChooseIndexColumnNames: expr, expr1, ... */
        snprintf(names[i], 64, "%s", cols[i]);
        for (k = 1; taken(names, i, names[i]); k++) {
            char num[16];
            size_t w = (size_t)snprintf(num, sizeof num, "%d", k), keep = strlen(cols[i]);
            keep = clip_utf8(cols[i], keep < 63 - w ? keep : 63 - w);
            snprintf(names[i], 64, "%.*s%s", (int)keep, cols[i], num);
        }
    }
    for (i = 0; i < n && i < 32 && len < 64; i++)   /* ChooseIndexNameAddition */
        len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%s", len ? "_" : "", names[i]);
    pg_object_name(table, strcmp(label, "pkey") ? joined : NULL, label, out);
}

/* A name as PostgreSQL reads it back: bare when it is lower case letters,
 * digits and underscores (not leading with a digit), else quoted. */
static int put_name(tide_buf *out, const char *name)
{
    const char *p;
    int bare = !isdigit((unsigned char)name[0]);
    for (p = name; *p && bare; p++)
        bare = islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_';
    if (bare)
        return tide_buf_puts(out, name);
    if (tide_buf_putc(out, '"') < 0)
        return -1;
    for (p = name; *p; p++)
        if ((*p == '"' && tide_buf_putc(out, '"') < 0) || tide_buf_putc(out, *p) < 0)
            return -1;
    return tide_buf_putc(out, '"');
}

int pg_seq_column_name(const char *table, const tide_column *c, char out[128])
{
    seqopts o;
    tide_err err;
    memset(&err, 0, sizeof err);
    seq_init(&o, strcmp(c->type, "smallint") && strcmp(c->type, "integer") ? "bigint" : c->type);
    if (c->sequence && parse_seq("sequence", c->sequence, &o, &err) == 0 && o.name[0]) {
        snprintf(out, 128, "%s", o.name);
        return 1;
    }
    pg_seq_default_name(table, c->name, out);
    return 0;
}

int pg_seq_column_options(const char *table, const tide_column *c, int full, tide_buf *out, tide_err *err)
{
    seqopts o, d;
    char what[300], dname[64];
    int rc = 0;
    snprintf(what, sizeof what, "table %s, column %s: the sequence", table, c->name);
    if (strcmp(c->type, "smallint") && strcmp(c->type, "integer") && strcmp(c->type, "bigint"))
        return tide_err_set(err, TIDE_ECONFIG, "table %s, column %s: %s on a %s column (PostgreSQL "
                            "takes serial and identity on smallint, integer and bigint)", table,
                            c->name, c->identity ? "identity" : "a sequence", c->type);
    seq_init(&o, c->type);
    if (parse_seq(what, c->sequence, &o, err) < 0)
        return TIDE_ECONFIG;
    seq_init(&d, o.type);           /* the bounds and start are those of its own type and direction */
    d.increment = o.increment;
    defaults(&d);
    d.increment = 1;
    strcpy(d.type, c->type);
    if (full == 3)
        return strcmp(o.type, c->type) != 0;
    if (full == 1)
        return put_full(&o, out, err);
    tide_buf_reset(out);
    pg_seq_default_name(table, c->name, dname);
    if (full == 0 && o.name[0] && strcmp(o.name, dname) &&
        (tide_buf_puts(out, "sequence name ") < 0 || put_name(out, o.name) < 0))
        rc = TIDE_ENOMEM;
#define SEQ_OPT(cond, ...) \
    if (rc == 0 && (cond)) \
        rc = tide_buf_printf(out, "%s" __VA_ARGS__) < 0 ? TIDE_ENOMEM : 0
    SEQ_OPT(strcmp(o.type, d.type), "as %s", out->len ? " " : "", o.type);
    SEQ_OPT(o.increment != d.increment, "increment by %" PRId64, out->len ? " " : "", o.increment);
    SEQ_OPT(o.min != d.min, "minvalue %" PRId64, out->len ? " " : "", o.min);
    SEQ_OPT(o.max != d.max, "maxvalue %" PRId64, out->len ? " " : "", o.max);
    SEQ_OPT(o.start != d.start, "start with %" PRId64, out->len ? " " : "", o.start);
    SEQ_OPT(o.cache != d.cache, "cache %" PRId64, out->len ? " " : "", o.cache);
    SEQ_OPT(o.cycle, "cycle", out->len ? " " : "");
#undef SEQ_OPT
    return rc ? tide_err_set(err, rc, "out of memory") : 0;
}

/* d is the literal lit, alone or cast to boolean. */
static int is_bool_literal(const char *d, const char *lit)
{
    size_t n = strlen(lit);
    return !strncmp(d, lit, n) && (!d[n] || !strcmp(d + n, "::boolean"));
}

/* A boolean column's default 't', 'yes', '1', 'on' is true (and 'f', 'no',
 * '0', 'off' false), as PostgreSQL stores it. (Here, not in the model:
 * SQLite keeps DEFAULT 'f' as the text 'f', another value than false.) */
static int boolean_literal(tide_schema *s, tide_column *c, tide_err *err)
{
    static const char *const yes[] = { "'t'", "'true'", "'y'", "'yes'", "'on'", "'1'", NULL };
    static const char *const no[] = { "'f'", "'false'", "'n'", "'no'", "'off'", "'0'", NULL };
    int i;
    if (!c->default_expr || !c->type || strcmp(c->type, "boolean"))
        return 0;
    for (i = 0; yes[i] || no[i]; i++)
        if ((yes[i] && is_bool_literal(c->default_expr, yes[i])) || (no[i] && is_bool_literal(c->default_expr, no[i])))
            return (c->default_expr = tide_schema_str(s, yes[i] && is_bool_literal(c->default_expr, yes[i])
                                                      ? "true" : "false")) ? 0
                   : tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* A column's attribute options (ALTER COLUMN ... SET (n_distinct = 100))
 * as introspection reads pg_attribute.attoptions: "name=value" items, the
 * name in lower case, without spaces or quotes, in their order (the one
 * PostgreSQL keeps, and pg_dump prints), joined by ", ". A
 * name PostgreSQL does not know, a value that is not a number of at least
 * -1, or a name given twice is refused by name (the server would refuse
 * the migration). */
static int column_attoptions(tide_schema *s, const tide_table *t, tide_column *c, tide_buf *buf,
                             tide_err *err)
{
    char items[8][96], *v[8], *end;
    const char *p = c->attoptions;
    int n = 0, i, len;
    if (!p)
        return 0;
    while (*p) {
        char name[64] = "", value[64] = "";
        p += strspn(p, " \t\n,");
        if (!*p)
            break;
        len = (int)strcspn(p, "=,");
        while (len > 0 && isspace((unsigned char)p[len - 1]))
            len--;
        if (len <= 0 || len >= (int)sizeof name || p[strcspn(p, "=,")] != '=')
            goto bad;
        for (i = 0; i < len; i++)
            name[i] = (char)tolower((unsigned char)p[i]);
        p += strcspn(p, "=") + 1;
        p += strspn(p, " \t\n'");
        len = (int)strcspn(p, ",");
        if (len >= (int)sizeof value)
            goto bad;
        memcpy(value, p, (size_t)len);
        p += len;
        while (len > 0 && (isspace((unsigned char)value[len - 1]) || value[len - 1] == '\''))
            value[--len] = '\0';
        if (strcmp(name, "n_distinct") && strcmp(name, "n_distinct_inherited"))
            return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s, column %s: attribute option '%s' is not one "
                                "PostgreSQL knows (n_distinct, n_distinct_inherited)", t->schema ? t->schema : "",
                                t->schema ? "." : "", t->name, c->name, name);
        errno = 0;
        if (!*value || strtod(value, &end) < -1 || *end || errno)
            return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s, column %s: attribute option %s must be a "
                                "number of at least -1 (a count of distinct values, or minus a fraction of "
                                "the rows: -0.5), not '%s'", t->schema ? t->schema : "", t->schema ? "." : "",
                                t->name, c->name, name, value);
        for (i = 0; i < n; i++)
            if (!strncmp(v[i], name, strlen(name)) && v[i][strlen(name)] == '=')
                return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s, column %s: attribute option %s is given "
                                    "twice", t->schema ? t->schema : "", t->schema ? "." : "", t->name, c->name,
                                    name);
        if (n == 8)
            goto bad;
        snprintf(items[n], sizeof items[n], "%s=%s", name, value);
        v[n] = items[n];
        n++;
    }
    tide_buf_reset(buf);
    for (i = 0; i < n; i++)
        if ((i && tide_buf_puts(buf, ", ") < 0) || tide_buf_puts(buf, v[i]) < 0)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    c->attoptions = n ? tide_schema_str(s, buf->data) : NULL;
    return n && !c->attoptions ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : 0;
bad:
    return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s, column %s: attribute options '%s' are not "
                        "name=value pairs separated by commas (:attributeOptions \"n_distinct=100\")",
                        t->schema ? t->schema : "", t->schema ? "." : "", t->name, c->name, c->attoptions);
}

/* Columns' own sequences: their options in the minimal canonical form;
 * boolean defaults as PostgreSQL spells them; attribute options. */
static int normalize_columns(tide_schema *s, tide_buf *buf, tide_err *err)
{
    int i, j, rc;
    for (i = 0; i < s->ntables; i++)
        for (j = 0; j < s->tables[i]->ncolumns; j++) {
            tide_column *c = &s->tables[i]->columns[j];
            c->not_null_said = 0;             /* SQLite's rowid alone keeps it */
            if (c->default_expr && !strcmp(c->default_expr, "null"))
                c->default_expr = NULL;       /* PostgreSQL keeps no DEFAULT NULL */
            if ((rc = boolean_literal(s, c, err)) < 0 ||
                (rc = column_attoptions(s, s->tables[i], c, buf, err)) < 0)
                return rc;
            if (!c->autoincrement || (!c->identity && !c->sequence))
                continue;
            if ((rc = pg_seq_column_options(s->tables[i]->name, c, 0, buf, err)) < 0)
                return rc;
            c->sequence = buf->len ? tide_schema_str(s, buf->data) : NULL;
            if (buf->len && !c->sequence)
                return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        }
    return 0;
}

/* An extension's definition, "[with] schema name" or nothing, as
 * introspection reads it: "schema public" (a bare name folded to lower
 * case, a quoted one kept). */
static int extension_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err)
{
    const char *p = o->definition ? o->definition : "";
    size_t n;
    while (isspace((unsigned char)*p))
        p++;
    if (!strncasecmp(p, "with", 4) && isspace((unsigned char)p[4]))
        for (p += 4; isspace((unsigned char)*p);)
            p++;
    if (!strncasecmp(p, "schema", 6) && (isspace((unsigned char)p[6]) || !p[6]))
        for (p += 6; isspace((unsigned char)*p);)
            p++;
    else if (*p)
        return tide_err_set(err, TIDE_ECONFIG, "extension %s: its definition is the namespace it lives in, "
                            "\"schema public\", not '%.40s'", o->name, p);
    n = strlen(p);
    while (n && (isspace((unsigned char)p[n - 1]) || p[n - 1] == ';'))
        n--;
    tide_buf_reset(buf);
    if (tide_buf_puts(buf, "schema ") < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (!n) {
        if (tide_buf_puts(buf, "public") < 0)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    } else if (*p == '"') {
        if (tide_buf_add(buf, p, n) < 0)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    } else {
        size_t i;
        for (i = 0; i < n; i++)
            if (tide_buf_putc(buf, (char)tolower((unsigned char)p[i])) < 0)
                return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    if (!(o->definition = tide_schema_str(s, buf->data)) || !(o->canonical = o->definition))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* ---- collations ------------------------------------------------------------ */

/* One value of a collation's option at *p: 'text' (quotes doubled within),
 * "text" or a bare word; into out. 0, or -1 when there is none. */
int coll_value(const char **p, char *out, size_t cap)
{
    const char *q = *p;
    size_t n = 0;
    if (*q == '\'' || *q == '"') {
        char quote = *q++;
        for (; *q && !(*q == quote && q[1] != quote); q++) {
            if (*q == quote)
                q++;                         /* a doubled quote */
            if (n + 1 < cap)
                out[n++] = *q;
        }
        if (*q != quote)
            return -1;
        q++;
    } else {
        for (; *q && (isalnum((unsigned char)*q) || strchr("_-.@", *q)); q++)
            if (n + 1 < cap)
                out[n++] = *q;
        if (n == 0)
            return -1;
    }
    out[n] = '\0';
    *p = q;
    return 0;
}

/* 'text', as the driver quotes a text literal. */
int put_literal(tide_buf *b, const char *text)
{
    tide_value v;
    v.type = TIDE_V_TEXT;
    v.u.s.p = text;
    v.u.s.len = strlen(text);
    return tide_postgres_driver.quote_literal(b, &v);
}

/* A collation's options ("provider = icu, locale = 'und-u-ks-level2',
 * deterministic = false", as CREATE COLLATION takes them within its
 * parentheses, in any order, any case, values quoted or not) in the form
 * introspection reads: provider first (libc when not said), then the
 * locale (libc's lc_collate and lc_ctype as one locale when they are the
 * same), then deterministic = false when it is. */
static int collation_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err)
{
    static const char *const keys[] = { "provider", "locale", "lc_collate", "lc_ctype", "deterministic" };
    char vals[5][128] = { "libc", "", "", "", "true" }, key[32], what[300];
    const char *p = o->definition ? o->definition : "", *at, *collate, *ctype;
    size_t n, k;
    snprintf(what, sizeof what, "collation %s%s%s", o->schema ? o->schema : "", o->schema ? "." : "", o->name);
    for (;;) {
        while (isspace((unsigned char)*p) || *p == ',')
            p++;
        if (!*p)
            break;
        at = p;
        for (n = 0; (isalnum((unsigned char)*p) || *p == '_') && n + 1 < sizeof key; p++)
            key[n++] = (char)tolower((unsigned char)*p);
        key[n] = '\0';
        for (k = 0; k < sizeof keys / sizeof *keys && strcmp(key, keys[k]); k++)
            ;
        if (k == sizeof keys / sizeof *keys)
            return tide_err_set(err, TIDE_ECONFIG, "%s: cannot read its options at '%.40s' (expected: "
                                "provider = icu|libc, locale = '...', lc_collate = '...', lc_ctype = '...', "
                                "deterministic = true|false; FROM another collation and version are "
                                "not taken: write its options as schema:inspect prints them)", what, at);
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '=')
            p++;
        while (isspace((unsigned char)*p))
            p++;
        if (coll_value(&p, vals[k], sizeof vals[k]) < 0)
            return tide_err_set(err, TIDE_ECONFIG, "%s: %s has no value (at '%.40s')", what, keys[k], at);
    }
    for (k = 0; vals[0][k]; k++)
        vals[0][k] = (char)tolower((unsigned char)vals[0][k]);
    for (k = 0; vals[4][k]; k++)
        vals[4][k] = (char)tolower((unsigned char)vals[4][k]);
    if (strcmp(vals[0], "icu") && strcmp(vals[0], "libc"))
        return tide_err_set(err, TIDE_ECONFIG, "%s: provider '%s' is not icu or libc", what, vals[0]);
    if (strcmp(vals[4], "true") && strcmp(vals[4], "false"))
        return tide_err_set(err, TIDE_ECONFIG, "%s: deterministic is true or false, not '%s'", what, vals[4]);
    collate = *vals[2] ? vals[2] : vals[1];
    ctype = *vals[3] ? vals[3] : vals[1];
    if (!strcmp(vals[0], "icu") ? !*vals[1] : !*collate || !*ctype)
        return tide_err_set(err, TIDE_ECONFIG, "%s: say its locale (locale = '%s')", what,
                            !strcmp(vals[0], "icu") ? "und-u-ks-level2" : "en_US.utf8");
    tide_buf_reset(buf);
    if (tide_buf_printf(buf, "provider = %s", vals[0]) < 0 ||
        (!strcmp(vals[0], "icu") || !strcmp(collate, ctype)
             ? tide_buf_puts(buf, ", locale = ") < 0 || put_literal(buf, !strcmp(vals[0], "icu") ? vals[1] : collate) < 0
             : tide_buf_puts(buf, ", lc_collate = ") < 0 || put_literal(buf, collate) < 0 ||
                   tide_buf_puts(buf, ", lc_ctype = ") < 0 || put_literal(buf, ctype) < 0) ||
        (!strcmp(vals[4], "false") && tide_buf_puts(buf, ", deterministic = false") < 0) ||
        !(o->definition = tide_schema_str(s, buf->data)) || !(o->canonical = o->definition))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* ---- publications ---------------------------------------------------------- */

/* The keywords quote_ident quotes: PostgreSQL's reserved, type-or-function
 * name and column name keywords (system_user: 16's). */
static const char *const pg_keywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
    "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check",
    "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
    "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct",
    "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign",
    "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in",
    "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull",
    "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
    "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position",
    "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user",
    "setof", "similar", "smallint", "some", "substring", "symmetric", "system_user", "table",
    "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union",
    "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window",
    "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"
};

int pg_ident(tide_buf *b, const char *name)
{
    const char *p = name;
    size_t i;
    int bare = (*p >= 'a' && *p <= 'z') || *p == '_';
    for (; bare && *p; p++)
        bare = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '$';
    for (i = 0; bare && i < sizeof pg_keywords / sizeof *pg_keywords; i++)
        bare = strcmp(name, pg_keywords[i]) != 0;
    return bare ? tide_buf_puts(b, name) : tide_postgres_driver.quote_ident(b, name);
}

typedef struct pub_table {
    char schema[128], name[128];
    char cols[32][128];
    int ncols;
    const char *where;           /* within the text parsed: from its "(" */
    size_t where_len;
} pub_table;


void pub_space(pub_parse *x)
{
    while (isspace((unsigned char)*x->p))
        x->p++;
}

/* The keyword w (any case) next? Taken when it is. */
int pub_word(pub_parse *x, const char *w)
{
    size_t n = strlen(w);
    pub_space(x);
    if (strncasecmp(x->p, w, n) || isalnum((unsigned char)x->p[n]) || x->p[n] == '_')
        return 0;
    x->p += n;
    return 1;
}

int pub_char(pub_parse *x, char ch)
{
    pub_space(x);
    if (*x->p != ch)
        return 0;
    x->p++;
    return 1;
}

int pub_fail(pub_parse *x, const char *expected)
{
    return tide_err_set(x->err, TIDE_ECONFIG, "%s: cannot read its definition at '%.40s' (expected %s; "
                        "the whole form: %s)", x->what, x->p, expected, x->form);
}

/* An identifier: "quoted" (kept), or bare (lowercased). */
int pub_name(pub_parse *x, char *out, size_t cap)
{
    size_t n = 0;
    pub_space(x);
    if (*x->p == '"') {
        for (x->p++; *x->p && !(*x->p == '"' && x->p[1] != '"'); x->p++) {
            if (*x->p == '"')
                x->p++;
            if (n + 1 < cap)
                out[n++] = *x->p;
        }
        if (*x->p != '"')
            return pub_fail(x, "a closing \"");
        x->p++;
    } else {
        for (; isalnum((unsigned char)*x->p) || *x->p == '_' || *x->p == '$' || (unsigned char)*x->p >= 0x80; x->p++)
            if (n + 1 < cap)
                out[n++] = (char)tolower((unsigned char)*x->p);
    }
    out[n] = '\0';
    return n ? 0 : pub_fail(x, "a name");
}

/* [ONLY] name[.name] [*] [(col, ...)] [WHERE (...)] */
static int pub_table_item(pub_parse *x, pub_table *t)
{
    int rc;
    memset(t, 0, sizeof *t);
    pub_word(x, "only");
    if ((rc = pub_name(x, t->name, sizeof t->name)) < 0)
        return rc;
    if (pub_char(x, '.')) {
        memcpy(t->schema, t->name, sizeof t->schema);
        if ((rc = pub_name(x, t->name, sizeof t->name)) < 0)
            return rc;
    }
    pub_char(x, '*');
    if (pub_char(x, '(')) {
        do {
            if (t->ncols == (int)(sizeof t->cols / sizeof *t->cols))
                return pub_fail(x, "at most 32 columns");
            if ((rc = pub_name(x, t->cols[t->ncols++], sizeof *t->cols)) < 0)
                return rc;
        } while (pub_char(x, ','));
        if (!pub_char(x, ')'))
            return pub_fail(x, "a ')' after the columns");
    }
    if (pub_word(x, "where")) {
        const char *end;
        pub_space(x);
        if (*x->p != '(' || !(end = tide_pg__paren_end(x->p)))
            return pub_fail(x, "WHERE (condition)");
        t->where = x->p;
        t->where_len = (size_t)(end + 1 - x->p);
        x->p = end + 1;
    }
    return 0;
}

/* " where (...)": the row filter with spaces and case outside quotes
 * folded (the server prints AND, people write and), in one pair of
 * parentheses. */
static int pub_where(tide_buf *buf, const pub_table *t)
{
    tide_buf raw = TIDE_BUF_INIT, folded = TIDE_BUF_INIT;
    int rc = tide_buf_add(&raw, t->where, t->where_len) < 0 || tide_model_canonical_expr(raw.data, &folded) < 0 ||
             tide_buf_puts(buf, " where (") < 0 || tide_buf_puts(buf, folded.data ? folded.data : "") < 0 ||
             tide_buf_putc(buf, ')') < 0
             ? TIDE_ENOMEM : 0;
    tide_buf_free(&raw);
    tide_buf_free(&folded);
    return rc;
}

static int cmp_pub_table(const void *a, const void *b)
{
    const pub_table *x = a, *y = b;
    int c = strcmp(x->schema, y->schema);
    return c ? c : strcmp(x->name, y->name);
}

/* Orders t's columns as its table in s has them (a publication keeps them
 * in the table's order, whatever order they were written in). */
static void pub_columns_in_order(const tide_schema *s, pub_table *t)
{
    const tide_table *tt = tide_schema_find_table(s, *t->schema ? t->schema : NULL, t->name);
    int i, j, k = 0;
    char sorted[32][128];
    if (!tt)
        return;
    for (i = 0; i < tt->ncolumns; i++)
        for (j = 0; j < t->ncols; j++)
            if (!strcmp(tt->columns[i].name, t->cols[j]))
                memcpy(sorted[k++], t->cols[j], sizeof *sorted);
    if (k == t->ncols)
        memcpy(t->cols, sorted, sizeof *sorted * (size_t)k);
}

/* Adds t to what o reads ("name" or "schema.name"): a table whose columns
 * a column list or a row filter names, which PostgreSQL will not let
 * change under it (the publication is made again around the change). */
static int pub_read(tide_schema *s, tide_object *o, const pub_table *t)
{
    char name[300];
    snprintf(name, sizeof name, "%s%s%s", t->schema, *t->schema ? "." : "", t->name);
    return tide_strv_push(s, &o->reads, &o->nreads, name) < 0 ? TIDE_ENOMEM : 0;
}

/* with (publish = '...', publish_via_partition_root = ...): *ops gets the
 * bits of insert, update, delete, truncate; *root the other. */
static int pub_options(pub_parse *x, unsigned *ops, int *root)
{
    static const char *const actions[] = { "insert", "update", "delete", "truncate" };
    char key[64], val[128];
    if (!pub_char(x, '('))
        return pub_fail(x, "'(' after WITH");
    do {
        int rc;
        const char *q;
        if ((rc = pub_name(x, key, sizeof key)) < 0)
            return rc;
        if (!pub_char(x, '='))
            return pub_fail(x, "'=' after an option's name");
        pub_space(x);
        q = x->p;
        if (coll_value(&q, val, sizeof val) < 0)
            return pub_fail(x, "an option's value");
        x->p = q;
        if (!strcmp(key, "publish")) {
            char *w, *save = NULL;
            size_t i;
            *ops = 0;
            for (w = strtok_r(val, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
                for (i = 0; i < 4 && strcasecmp(w, actions[i]); i++)
                    ;
                if (i == 4)
                    return tide_err_set(x->err, TIDE_ECONFIG, "%s: publish takes insert, update, delete and "
                                        "truncate, not '%s'", x->what, w);
                *ops |= 1u << i;
            }
        } else if (!strcmp(key, "publish_via_partition_root")) {
            if (!strcasecmp(val, "true") || !strcasecmp(val, "on") || !strcmp(val, "1"))
                *root = 1;
            else if (!strcasecmp(val, "false") || !strcasecmp(val, "off") || !strcmp(val, "0"))
                *root = 0;
            else
                return tide_err_set(x->err, TIDE_ECONFIG, "%s: publish_via_partition_root is true or false, "
                                    "not '%s'", x->what, val);
        } else {
            return tide_err_set(x->err, TIDE_ECONFIG, "%s: '%s' is not an option of a publication (publish, "
                                "publish_via_partition_root)", x->what, key);
        }
    } while (pub_char(x, ','));
    return pub_char(x, ')') ? 0 : pub_fail(x, "')' after the options");
}

int pg_publication_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err)
{
    static const char *const actions[] = { "insert", "update", "delete", "truncate" };
    pub_parse x = { o->definition ? o->definition : "", "for table a, b (col, ...) where (...), tables in "
                    "schema s | for all tables, then with (publish = 'insert, update, delete, truncate', "
                    "publish_via_partition_root = true|false)", "", err };
    pub_table *tables = NULL;
    char (*spaces)[128] = NULL;
    int ntables = 0, nspaces = 0, all = 0, root = 0, in_schema = 0, rc = 0, i;
    unsigned ops = 15;
    snprintf(x.what, sizeof x.what, "publication %s", o->name);
    if (o->schema || o->table)
        return tide_err_set(err, TIDE_ECONFIG, "%s: a publication belongs to the database, not to a %s "
                            "(write t.publication \"%s\")", x.what, o->schema ? "namespace" : "table", o->name);
    if (pub_word(&x, "for")) {
        if (pub_word(&x, "all")) {
            all = 1;
            if (!pub_word(&x, "tables"))
                rc = pub_fail(&x, "TABLES after FOR ALL");
        } else {
            size_t cap = strlen(x.p) / 2 + 1;   /* an item takes two characters at least */
            if (!(tables = calloc(cap, sizeof *tables)) || !(spaces = calloc(cap, sizeof *spaces)))
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
            do {
                if (rc < 0)
                    break;
                if (pub_word(&x, "tables")) {
                    if (!pub_word(&x, "in") || !pub_word(&x, "schema")) {
                        rc = pub_fail(&x, "IN SCHEMA after TABLES");
                        break;
                    }
                    in_schema = 1;
                } else if (pub_word(&x, "table")) {
                    in_schema = 0;
                } else if (!ntables && !nspaces) {
                    rc = pub_fail(&x, "TABLE or TABLES IN SCHEMA");
                    break;
                }
                if (in_schema) {
                    if (pub_word(&x, "current_schema"))
                        rc = pub_fail(&x, "the namespace's name (CURRENT_SCHEMA depends on the session)");
                    else
                        rc = pub_name(&x, spaces[nspaces++], sizeof *spaces);
                } else {
                    rc = pub_table_item(&x, &tables[ntables++]);
                }
            } while (rc == 0 && pub_char(&x, ','));
        }
    }
    if (rc == 0 && pub_word(&x, "with"))
        rc = pub_options(&x, &ops, &root);
    pub_space(&x);
    if (rc == 0 && *x.p)
        rc = pub_fail(&x, "the end of the definition");
    if (rc == 0 && !ops)
        rc = tide_err_set(err, TIDE_ECONFIG, "%s: publish = '' publishes nothing", x.what);
    if (ntables > 1)
        qsort(tables, (size_t)ntables, sizeof *tables, cmp_pub_table);
    if (nspaces > 1)
        qsort(spaces, (size_t)nspaces, sizeof *spaces, (int (*)(const void *, const void *))strcmp);
    tide_buf_reset(buf);
    if (rc == 0 && all && tide_buf_puts(buf, "for all tables") < 0)
        rc = TIDE_ENOMEM;
    o->nreads = 0;
    o->reads_given = 1;              /* what its column lists and row filters read */
    for (i = 0; rc == 0 && i < ntables; i++) {
        pub_table *t = &tables[i];
        int k;
        pub_columns_in_order(s, t);
        if ((t->ncols || t->where) && (rc = pub_read(s, o, t)) < 0)
            break;
        if (tide_buf_puts(buf, i ? ", table " : "for table ") < 0 ||
            (*t->schema && (pg_ident(buf, t->schema) < 0 || tide_buf_putc(buf, '.') < 0)) ||
            pg_ident(buf, t->name) < 0)
            rc = TIDE_ENOMEM;
        for (k = 0; rc == 0 && k < t->ncols; k++)
            if (tide_buf_puts(buf, k ? ", " : " (") < 0 || pg_ident(buf, t->cols[k]) < 0)
                rc = TIDE_ENOMEM;
        if (rc == 0 && t->ncols && tide_buf_putc(buf, ')') < 0)
            rc = TIDE_ENOMEM;
        if (rc == 0 && t->where)
            rc = pub_where(buf, t);
    }
    for (i = 0; rc == 0 && i < nspaces; i++)
        if (tide_buf_puts(buf, ntables || i ? ", tables in schema " : "for tables in schema ") < 0 ||
            pg_ident(buf, spaces[i]) < 0)
            rc = TIDE_ENOMEM;
    if (rc == 0 && (ops != 15 || root || !buf->len)) {     /* a publication of nothing says its options */
        int first = 1;
        rc = tide_buf_puts(buf, buf->len ? " with (" : "with (") < 0 ? TIDE_ENOMEM : 0;
        if (rc == 0 && (ops != 15 || !root)) {
            rc = tide_buf_puts(buf, "publish = '") < 0 ? TIDE_ENOMEM : 0;
            for (i = 0; rc == 0 && i < 4; i++)
                if (ops & (1u << i)) {
                    rc = tide_buf_printf(buf, "%s%s", first ? "" : ", ", actions[i]) < 0 ? TIDE_ENOMEM : 0;
                    first = 0;
                }
            if (rc == 0 && tide_buf_putc(buf, '\'') < 0)
                rc = TIDE_ENOMEM;
        }
        if (rc == 0 && root && tide_buf_puts(buf, first ? "publish_via_partition_root = true"
                                                        : ", publish_via_partition_root = true") < 0)
            rc = TIDE_ENOMEM;
        if (rc == 0 && tide_buf_putc(buf, ')') < 0)
            rc = TIDE_ENOMEM;
    }
    free(tables);
    free(spaces);
    if (rc == TIDE_ENOMEM)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (rc < 0)
        return rc;
    if (!(o->definition = tide_schema_str(s, buf->data ? buf->data : "")) || !(o->canonical = o->definition))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* ---- event triggers -------------------------------------------------------- */

int pg_event_trigger_canonical(tide_schema *s, tide_object *o, tide_buf *buf, tide_err *err)
{
    pub_parse x = { o->definition ? o->definition : "", "[create event trigger NAME] on ddl_command_start|"
                    "ddl_command_end|sql_drop|table_rewrite [when tag in ('CREATE TABLE', ...)] execute "
                    "function f()", "", err };
    char event[64], fn_schema[128] = "", fn[128], tag[128], **tags = NULL;
    int ntags = 0, rc = 0, i;
    snprintf(x.what, sizeof x.what, "event trigger %s", o->name);
    if (o->schema || o->table)
        return tide_err_set(err, TIDE_ECONFIG, "%s: an event trigger belongs to the database, not to a %s "
                            "(write t.eventTrigger \"%s\")", x.what, o->schema ? "namespace" : "table", o->name);
    if (pub_word(&x, "create")) {
        char name[128];
        if (!pub_word(&x, "event") || !pub_word(&x, "trigger"))
            return pub_fail(&x, "CREATE EVENT TRIGGER");
        if ((rc = pub_name(&x, name, sizeof name)) < 0)
            return rc;
        if (strcmp(name, o->name))
            return tide_err_set(err, TIDE_ECONFIG, "%s: its statement names event trigger '%s'", x.what, name);
    }
    if (!pub_word(&x, "on"))
        return pub_fail(&x, "ON event");
    if ((rc = pub_name(&x, event, sizeof event)) < 0)
        return rc;
    if (strcmp(event, "ddl_command_start") && strcmp(event, "ddl_command_end") && strcmp(event, "sql_drop") &&
        strcmp(event, "table_rewrite"))
        return tide_err_set(err, TIDE_ECONFIG, "%s: '%s' is not an event (ddl_command_start, ddl_command_end, "
                            "sql_drop, table_rewrite)", x.what, event);
    if (pub_word(&x, "when")) {
        if (!pub_word(&x, "tag") || !pub_word(&x, "in") || !pub_char(&x, '('))
            return pub_fail(&x, "TAG IN ('...') (the only filter there is)");
        do {
            const char *q;
            pub_space(&x);
            q = x.p;
            if (*q != '\'' || coll_value(&q, tag, sizeof tag) < 0) {
                rc = pub_fail(&x, "a command tag in single quotes");
                break;
            }
            x.p = q;
            for (i = 0; tag[i]; i++)
                tag[i] = (char)toupper((unsigned char)tag[i]);
            if (tide_strv_push(s, &tags, &ntags, tag) < 0)
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        } while (rc == 0 && pub_char(&x, ','));
        if (rc == 0 && !pub_char(&x, ')'))
            rc = pub_fail(&x, "')' after the tags");
    }
    if (rc == 0 && (!pub_word(&x, "execute") || (!pub_word(&x, "function") && !pub_word(&x, "procedure"))))
        rc = pub_fail(&x, "EXECUTE FUNCTION f()");
    if (rc == 0 && (rc = pub_name(&x, fn, sizeof fn)) == 0 && pub_char(&x, '.')) {
        memcpy(fn_schema, fn, sizeof fn_schema);
        rc = pub_name(&x, fn, sizeof fn);
    }
    if (rc == 0 && (!pub_char(&x, '(') || !pub_char(&x, ')')))
        rc = pub_fail(&x, "() after the function's name (an event trigger's function takes no arguments)");
    pub_char(&x, ';');
    pub_space(&x);
    if (rc == 0 && *x.p)
        rc = pub_fail(&x, "the end of the definition");
    if (rc < 0)
        return rc;
    tide_buf_reset(buf);
    rc = tide_buf_printf(buf, "on %s", event) < 0 ? TIDE_ENOMEM : 0;
    for (i = 0; rc == 0 && i < ntags; i++)
        if (tide_buf_puts(buf, i ? ", " : " when tag in (") < 0 || put_literal(buf, tags[i]) < 0)
            rc = TIDE_ENOMEM;
    if (rc == 0 && ((ntags && tide_buf_putc(buf, ')') < 0) || tide_buf_puts(buf, " execute function ") < 0 ||
                    (*fn_schema && strcmp(fn_schema, "public") &&
                     (pg_ident(buf, fn_schema) < 0 || tide_buf_putc(buf, '.') < 0)) ||
                    pg_ident(buf, fn) < 0 || tide_buf_puts(buf, "()") < 0))
        rc = TIDE_ENOMEM;
    if (rc < 0 || !(o->definition = tide_schema_str(s, buf->data)) || !(o->canonical = o->definition))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* ---- text search ------------------------------------------------------------ */

/* A text search dictionary names its template; a configuration starts with
 * its parser or the configuration it copies, then mapping clauses (the
 * server spells them when definitions meet a database: canonical.c). */
static int text_search_check(const tide_object *o, tide_err *err)
{
    const char *p = o->definition ? o->definition : "", *semi;
    if (o->kind == TIDE_OBJ_TS_DICTIONARY) {
        lexer lx = { p, "" };
        while (next(&lx))
            if (!strcmp(lx.word, "template") || !strncmp(lx.word, "template=", 9))
                return 0;
        return tide_err_set(err, TIDE_ECONFIG, "text search dictionary %s: say its template (template = "
                            "simple, stopwords = english)", o->name);
    }
    while (isspace((unsigned char)*p))
        p++;
    if (strncasecmp(p, "parser", 6) && strncasecmp(p, "copy", 4))
        return tide_err_set(err, TIDE_ECONFIG, "text search configuration %s: begin with its parser or the "
                            "configuration it copies (parser = \"default\", or copy = english), then mapping "
                            "clauses, each after a ';' (not '%.30s')", o->name, p);
    for (semi = strchr(p, ';'); semi; semi = strchr(semi + 1, ';')) {
        const char *c = semi + 1;
        while (isspace((unsigned char)*c) || *c == ';')
            c++;
        if (*c && strncasecmp(c, "mapping", 7) && strncasecmp(c, "add", 3) && strncasecmp(c, "alter", 5) &&
            strncasecmp(c, "drop", 4))
            return tide_err_set(err, TIDE_ECONFIG, "text search configuration %s: '%.40s' is not a mapping "
                                "clause (mapping for ... with ..., add / alter / drop mapping ...)", o->name, c);
    }
    return 0;
}

/* What only SQLite has is refused by name rather than left out of the SQL
 * without a word: a nullable key column (PostgreSQL makes key columns NOT
 * NULL), a key column sorted DESC (a PostgreSQL key has no order), the ON
 * CONFLICT resolution of a NOT NULL, a UNIQUE or a PRIMARY KEY (PostgreSQL
 * resolves conflicts in INSERT ... ON CONFLICT). */
static int sqlite_only(const tide_table *t, tide_err *err)
{
    const char *word = t->pk_conflict, *on = "the primary key";
    char where[300] = "";
    int j;
    for (j = 0; j < t->npk; j++) {
        const tide_column *c = tide_table_find_column(t, t->pk[j]);
        if (c && c->nullable)
            return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s, column %s: a primary key column is "
                                "NOT NULL on PostgreSQL; remove :nullable() (SQLite alone lets a key "
                                "column of a rowid table hold NULL)", t->schema ? t->schema : "",
                                t->schema ? "." : "", t->name, c->name);
    }
    if (t->npk_desc)
        return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s: primary key column %s sorts DESC, which a "
                            "PostgreSQL key cannot say (SQLite alone keeps a key's order); remove desc from "
                            "the key, and give the order to an index if it matters (t.index { \"%s desc\" })",
                            t->schema ? t->schema : "", t->schema ? "." : "", t->name, t->pk_desc[0],
                            t->pk_desc[0]);
    for (j = 0; !word && j < t->nuniques; j++)
        if ((word = t->uniques[j].on_conflict) != NULL) {
            snprintf(where, sizeof where, ", unique constraint %s", t->uniques[j].name);
            on = "the unique constraint";
        }
    for (j = 0; !word && j < t->ncolumns; j++)
        if ((word = t->columns[j].not_null_conflict) != NULL) {
            snprintf(where, sizeof where, ", column %s", t->columns[j].name);
            on = "its NOT NULL";
        }
    if (!word)
        return 0;
    return tide_err_set(err, TIDE_ECONFIG, "table %s%s%s%s: ON CONFLICT %s on %s is SQLite's; PostgreSQL "
                        "has no conflict clause in a table (remove onConflict from definitions meant "
                        "for PostgreSQL, and write INSERT ... ON CONFLICT in the statements)",
                        t->schema ? t->schema : "", t->schema ? "." : "", t->name, where, word, on);
}

/* A materialized view takes storage parameters (fillfactor, autovacuum_*)
 * but not a view's security_barrier or security_invoker: refused by name
 * before the server refuses the migration ("unrecognized parameter"). */
static int matview_options(const tide_object *o, tide_err *err)
{
    static const char *const view_only[] = { "security_barrier", "security_invoker" };
    size_t i;
    if (o->kind != TIDE_OBJ_MATVIEW || !o->with)
        return 0;
    for (i = 0; i < sizeof view_only / sizeof *view_only; i++)
        if (strstr(o->with, view_only[i]))
            return tide_err_set(err, TIDE_ECONFIG, "materialized view %s%s%s: %s is an option of views; a "
                                "materialized view takes only storage parameters (fillfactor, autovacuum_*, "
                                "toast.*): remove it from with =", o->schema ? o->schema : "",
                                o->schema ? "." : "", o->name, view_only[i]);
    return 0;
}

/* The driver's normalize: SQLite's conflict clauses refused; sequences'
 * options in their canonical form (as definition too, so that ALTER
 * SEQUENCE says every option); extensions' namespaces; collations'
 * options. */
int pg_normalize(tide_schema *s, tide_err *err)
{
    tide_buf buf = TIDE_BUF_INIT;
    int i, rc = 0;
    for (i = 0; rc == 0 && i < s->ntables; i++)
        rc = sqlite_only(s->tables[i], err);
    for (i = 0; rc == 0 && i < s->nobjects; i++) {
        tide_object *o = &s->objects[i];
        if ((rc = matview_options(o, err)) < 0)
            break;
        if ((o->kind == TIDE_OBJ_TS_DICTIONARY || o->kind == TIDE_OBJ_TS_CONFIGURATION) &&
            (rc = text_search_check(o, err)) < 0)
            break;
        if (o->kind == TIDE_OBJ_PUBLICATION || o->kind == TIDE_OBJ_EVENT_TRIGGER) {
            if ((rc = (o->kind == TIDE_OBJ_PUBLICATION ? pg_publication_canonical
                                                       : pg_event_trigger_canonical)(s, o, &buf, err)) < 0)
                break;
            continue;
        }
        if (o->kind == TIDE_OBJ_FOREIGN_WRAPPER || o->kind == TIDE_OBJ_FOREIGN_SERVER ||
            o->kind == TIDE_OBJ_FOREIGN_TABLE) {
            if ((rc = pg_foreign_canonical(s, o, &buf, err)) < 0)
                break;
            continue;
        }
        if (o->kind == TIDE_OBJ_EXTENSION || o->kind == TIDE_OBJ_COLLATION) {
            if ((rc = (o->kind == TIDE_OBJ_EXTENSION ? extension_canonical : collation_canonical)(s, o, &buf, err)) < 0)
                break;
            continue;
        }
        if (o->kind != TIDE_OBJ_SEQUENCE)
            continue;
        if ((rc = pg_seq_canonical(o->name, o->definition, &buf, err)) < 0)
            break;
        if (!(o->definition = tide_schema_str(s, buf.data)) || !(o->canonical = o->definition))
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = normalize_columns(s, &buf, err);
    tide_buf_free(&buf);
    return rc;
}
