/* emit_textsearch.c — text search dictionaries and configurations.
 *
 * A dictionary's definition is what CREATE TEXT SEARCH DICTIONARY takes
 * within its parentheses ("template = simple, stopwords = 'english'"); a
 * configuration's is clauses split by ';': first its parser or the
 * configuration it copies ("parser = \"default\"", "copy = english"), then
 * its mappings ("mapping for asciiword with english_stem", as introspection
 * reads them, or "alter mapping for word with unaccent, english_stem" /
 * "add ..." / "drop mapping for ...", as people write them). A changed
 * configuration keeps its oid (indexes and generated columns name it): its
 * mappings are dropped and made again from the new definition, a copied
 * configuration's read from the server at run time. */
#include "pg_internal.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct clause {
    const char *p;
    size_t n;
} clause;

/* The next piece of text at *at, split by sep outside quotes, trimmed; 0
 * at the end. */
static int next_piece(const char **at, char sep, clause *out)
{
    const char *p = *at, *end;
    char quote = 0;
    while (isspace((unsigned char)*p) || *p == sep)
        p++;
    if (!*p)
        return 0;
    for (end = p; *end && (quote || *end != sep); end++)
        if (quote ? *end == quote : (*end == '\'' || *end == '"'))
            quote = quote ? 0 : *end;
    *at = end;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    out->p = p;
    out->n = (size_t)(end - p);
    return 1;
}

/* The next clause of a configuration's definition (split by ';'). */
static int next_clause(const char **at, clause *out)
{
    return next_piece(at, ';', out);
}

/* Does clause c start with the word w (any case)? */
static int starts(clause c, const char *w)
{
    size_t n = strlen(w);
    return c.n >= n && !strncasecmp(c.p, w, n) && (c.n == n || !isalnum((unsigned char)c.p[n]));
}

static void put_clause(tide_sqlw *e, clause c)
{
    tide_sqlw_putn(e, c.p, c.n);
}

/* What follows "word =" in c, trimmed ("parser = x" -> "x"). */
static clause value_of(clause c)
{
    const char *eq = memchr(c.p, '=', c.n);
    clause v = { c.p + c.n, 0 };
    if (eq) {
        for (v.p = eq + 1; v.p < c.p + c.n && isspace((unsigned char)*v.p); v.p++)
            ;
        v.n = (size_t)(c.p + c.n - v.p);
    }
    return v;
}

static int same_clause(clause a, clause b)
{
    return a.n == b.n && !strncasecmp(a.p, b.p, a.n);
}

static const char *sql_kind(const tide_object *o)
{
    return o->kind == TIDE_OBJ_TS_DICTIONARY ? "text search dictionary " : "text search configuration ";
}

static void ref(tide_sqlw *e, const tide_object *o, const char *name)
{
    tide_sqlw_put(e, sql_kind(o));
    tide_sqlw_qname(e, o->schema, name);
}

/* alter text search configuration Q <clause>: one mapping clause. */
static void mapping(tide_sqlw *e, const tide_object *o, clause c)
{
    if (!starts(c, "mapping") && !starts(c, "add") && !starts(c, "alter") && !starts(c, "drop")) {
        tide_sqlw_fail(e, "text search configuration %s: '%.*s' is not a mapping clause (mapping for ... "
                       "with ..., add / alter / drop mapping ...)", o->name, (int)c.n, c.p);
        return;
    }
    tide_sqlw_put(e, "alter ");
    ref(e, o, o->name);
    tide_sqlw_put(e, starts(c, "mapping") ? " add " : " ");
    put_clause(e, c);
    tide_sqlw_stmt(e);
}

static void create(tide_sqlw *e, const tide_object *o)
{
    const char *at = o->definition ? o->definition : "";
    clause c;
    tide_sqlw_put(e, "create ");
    ref(e, o, o->name);
    tide_sqlw_put(e, " (");
    if (o->kind == TIDE_OBJ_TS_DICTIONARY) {
        tide_sqlw_put(e, at);
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    } else {
        if (next_clause(&at, &c))
            put_clause(e, c);
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
        while (next_clause(&at, &c))
            mapping(e, o, c);
    }
    if (o->comment) {
        tide_sqlw_put(e, "comment on ");
        ref(e, o, o->name);
        tide_sqlw_put(e, " is ");
        tide_sqlw_literal(e, o->comment);
        tide_sqlw_stmt(e);
    }
}

/* o's name quoted and qualified, as a text literal ('"s"."n"'). */
static void name_literal(tide_sqlw *e, const tide_object *o)
{
    tide_buf q = TIDE_BUF_INIT;
    if ((o->schema && (tide_postgres_driver.quote_ident(&q, o->schema) < 0 || tide_buf_putc(&q, '.') < 0)) ||
        tide_postgres_driver.quote_ident(&q, o->name) < 0)
        e->rc = e->rc ? e->rc : TIDE_ENOMEM;
    else
        tide_sqlw_literal(e, q.data);
    tide_buf_free(&q);
}

/* A configuration's mappings made again: every one dropped, those of the
 * configuration it copies added (read when the migration runs), then its
 * own clauses. Its parser changed: dropped and created (the server refuses
 * while an index or a column names it). */
static void alter_configuration(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    const char *at = o->definition, *was = old->definition;
    clause head, old_head;
    if (!next_clause(&at, &head) || !next_clause(&was, &old_head))
        return;
    if (starts(head, "parser") && starts(old_head, "parser") && !same_clause(value_of(head), value_of(old_head))) {
        tide_sqlw_put(e, "drop ");
        ref(e, old, old->name);
        tide_sqlw_stmt(e);
        create(e, o);
        return;
    }
    tide_sqlw_put(e, "do $tide$ declare t text; begin for t in select alias from pg_catalog.ts_token_type("
                     "(select cfgparser from pg_catalog.pg_ts_config where oid = ");
    name_literal(e, o);
    tide_sqlw_put(e, "::pg_catalog.regconfig)) loop execute pg_catalog.format('alter text search configuration "
                     "%s drop mapping if exists for %I', ");
    name_literal(e, o);
    tide_sqlw_put(e, ", t); end loop; end $tide$");
    tide_sqlw_stmt(e);
    if (starts(head, "copy")) {
        tide_buf from = TIDE_BUF_INIT;
        clause v = value_of(head);
        tide_sqlw_put(e, "do $tide$ declare r record; begin for r in select tt.alias, pg_catalog.string_agg("
                         "m.mapdict::pg_catalog.regdictionary::text, ', ' order by m.mapseqno) as dicts "
                         "from pg_catalog.pg_ts_config_map m join pg_catalog.ts_token_type((select cfgparser "
                         "from pg_catalog.pg_ts_config where oid = ");
        if (tide_buf_add(&from, v.p, v.n) < 0)
            e->rc = e->rc ? e->rc : TIDE_ENOMEM;
        tide_sqlw_literal(e, from.data ? from.data : "");
        tide_sqlw_put(e, "::pg_catalog.regconfig)) tt on tt.tokid = m.maptokentype where m.mapcfg = ");
        tide_sqlw_literal(e, from.data ? from.data : "");
        tide_sqlw_put(e, "::pg_catalog.regconfig group by tt.alias, m.maptokentype order by m.maptokentype loop "
                         "execute pg_catalog.format('alter text search configuration %s add mapping for %I "
                         "with %s', ");
        name_literal(e, o);
        tide_sqlw_put(e, ", r.alias, r.dicts); end loop; end $tide$");
        tide_sqlw_stmt(e);
        tide_buf_free(&from);
    }
    clause c;
    while (next_clause(&at, &c))
        mapping(e, o, c);
}

/* The options of a dictionary's definition, split at commas outside
 * quotes, into out (at most cap); their count. */
static int options(const char *def, clause *out, int cap)
{
    int n = 0;
    while (n < cap && next_piece(&def, ',', &out[n]))
        n++;
    return n;
}

/* The option's name: its text before '=', trimmed. */
static clause key_of(clause c)
{
    const char *eq = memchr(c.p, '=', c.n);
    clause k = { c.p, eq ? (size_t)(eq - c.p) : c.n };
    while (k.n && isspace((unsigned char)k.p[k.n - 1]))
        k.n--;
    return k;
}

static int find_key(const clause *v, int n, clause key)
{
    int i;
    for (i = 0; i < n; i++)
        if (same_clause(key_of(v[i]), key))
            return i;
    return -1;
}

/* alter text search dictionary Q (old options gone by name, the new ones
 * set); another template: dropped and created. */
static void alter_dictionary(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    clause a[32], b[32];
    static const clause tmpl = { "template", 8 };
    int na = options(old->definition, a, 32), nb = options(o->definition, b, 32), i, ta, tb, first = 1;
    ta = find_key(a, na, tmpl);
    tb = find_key(b, nb, tmpl);
    if ((ta < 0) != (tb < 0) || (ta >= 0 && !same_clause(value_of(a[ta]), value_of(b[tb])))) {
        tide_sqlw_put(e, "drop ");
        ref(e, old, old->name);
        tide_sqlw_stmt(e);
        create(e, o);
        return;
    }
    if (na - (ta >= 0) == 0 && nb - (tb >= 0) == 0)
        return;                  /* the same template, no options: only spelled otherwise */
    tide_sqlw_put(e, "alter ");
    ref(e, o, o->name);
    tide_sqlw_put(e, " (");
    for (i = 0; i < na; i++)
        if (i != ta && find_key(b, nb, key_of(a[i])) < 0) {      /* gone: back to its default */
            tide_sqlw_put(e, first ? "" : ", ");
            put_clause(e, key_of(a[i]));
            first = 0;
        }
    for (i = 0; i < nb; i++)
        if (i != tb) {
            tide_sqlw_put(e, first ? "" : ", ");
            put_clause(e, b[i]);
            first = 0;
        }
    tide_sqlw_put(e, ")");
    tide_sqlw_stmt(e);
}

void pg_emit__text_search_create(tide_sqlw *e, const tide_object *o)
{
    create(e, o);
}

void pg_emit__text_search_alter(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    if (o->kind == TIDE_OBJ_TS_DICTIONARY)
        alter_dictionary(e, old, o);
    else
        alter_configuration(e, old, o);
}
