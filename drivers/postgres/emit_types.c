/* emit_types.c — PostgreSQL SQL for the objects that make types
 * (TIDE_OBJK_TYPE): extensions, domains and composite types. An
 * extension's definition is the namespace it lives in ("schema public"), a
 * domain's what follows CREATE DOMAIN name AS, a composite type's its
 * attributes. A changed domain or composite type is altered in place
 * (columns use them: dropping one would fail), re-created only when its
 * base type or the order of its attributes changes. */
#include "pg_internal.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ---- reading definitions: words at depth 0, outside quotes --------------- */

typedef struct span {
    const char *p;
    size_t n;
} span;

static int is_word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether keyword kw starts at p (a whole word). */
static int kw_at(const char *start, const char *p, const char *kw)
{
    size_t n = strlen(kw);
    return !strncasecmp(p, kw, n) && (p == start || !is_word_char(p[-1])) && !is_word_char(p[n]);
}

static span trim(const char *p, const char *end)
{
    span s;
    while (p < end && isspace((unsigned char)*p))
        p++;
    while (end > p && isspace((unsigned char)end[-1]))
        end--;
    s.p = p;
    s.n = (size_t)(end - p);
    return s;
}

/* Two spans the same but for ASCII case and runs of white space outside
 * quotes. */
static int same_text(span a, span b)
{
    tide_buf x = TIDE_BUF_INIT, y = TIDE_BUF_INIT, ta = TIDE_BUF_INIT, tb = TIDE_BUF_INIT;
    int same;
    tide_buf_add(&ta, a.p, a.n);
    tide_buf_add(&tb, b.p, b.n);
    tide_model_canonical_expr(ta.data ? ta.data : "", &x);
    tide_model_canonical_expr(tb.data ? tb.data : "", &y);
    same = !strcmp(x.data ? x.data : "", y.data ? y.data : "");
    tide_buf_free(&x);
    tide_buf_free(&y);
    tide_buf_free(&ta);
    tide_buf_free(&tb);
    return same;
}

static void put_span(tide_sqlw *e, span s)
{
    tide_sqlw_putn(e, s.p, s.n);
}

/* What an alteration compares: the canonical form (the server's spelling
 * when definitions met the live database, so that "char(3)" is
 * "character(3)" and an unnamed check has its name), else the text. */
static const char *spelling(const tide_object *o)
{
    return o->canonical ? o->canonical : o->definition ? o->definition : "";
}

/* ---- domains ------------------------------------------------------------------ */

#define MAX_CHECKS 32

typedef struct domain {
    span base;                   /* the type and its collation */
    span def;                    /* the default expression; n 0: none */
    int has_default, not_null;
    span check_name[MAX_CHECKS]; /* n 0: unnamed */
    span check[MAX_CHECKS];      /* "check (...)" */
    int nchecks;
} domain;

/* Splits a domain's definition into its clauses; -1 when it has too many
 * checks. Keywords are found outside parentheses and quotes. */
static int read_domain(const char *def, domain *d)
{
    static const char *const kws[] = { "default", "not", "null", "constraint", "check", NULL };
    const char *p, *clause = NULL, *base_end = NULL;
    int depth = 0, k, kind = -1;
    char quote = 0;
    span name = { NULL, 0 };
    memset(d, 0, sizeof *d);
    for (p = def;; p++) {
        int hit = -1;
        if (*p && quote) {
            if (*p == quote)
                quote = 0;
            continue;
        }
        if (*p == '\'' || *p == '"') {
            quote = *p;
            continue;
        }
        if (*p == '(')
            depth++;
        else if (*p == ')')
            depth--;
        if (*p && depth == 0)
            for (k = 0; kws[k] && hit < 0; k++)
                if (kw_at(def, p, kws[k]))
                    hit = k;
        if (*p && hit < 0)
            continue;
        /* "null" after "not", "check" after "constraint name" belong to it */
        if (*p && ((hit == 2 && kind == 1) || (hit == 4 && kind == 3)))
            continue;
        if (!base_end)
            base_end = p;
        if (clause) {
            span s = trim(clause, p);
            switch (kind) {
            case 0:
                d->has_default = 1;
                d->def = trim(s.p + 7, s.p + s.n);
                break;
            case 1:
                d->not_null = 1;
                break;
            case 3: case 4:
                if (d->nchecks == MAX_CHECKS)
                    return -1;
                name.p = NULL;
                name.n = 0;
                if (kind == 3) {
                    const char *q = s.p + 10, *end = s.p + s.n, *c;
                    for (c = q; c < end && !kw_at(def, c, "check"); c++)
                        ;
                    name = trim(q, c);
                    s = trim(c, end);
                }
                d->check_name[d->nchecks] = name;
                d->check[d->nchecks++] = s;
                break;
            default:
                break;
            }
        }
        if (!*p)
            break;
        clause = p;
        kind = hit;
    }
    d->base = trim(def, base_end ? base_end : def + strlen(def));
    return 0;
}

/* The name PostgreSQL gives an unnamed check of domain dname. */
static void check_name(tide_sqlw *e, const domain *d, int i, const char *dname)
{
    char gen[128];
    if (d->check_name[i].n) {
        put_span(e, d->check_name[i]);
        return;
    }
    snprintf(gen, sizeof gen, "%s_check", dname);
    tide_sqlw_q(e, gen);
}

static int has_check(const domain *d, span name, span check)
{
    int i;
    for (i = 0; i < d->nchecks; i++)
        if (same_text(d->check[i], check) && same_text(d->check_name[i], name))
            return 1;
    return 0;
}

static void alter_domain_head(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "alter domain ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " ");
}

static void create_type(tide_sqlw *e, const tide_object *o);

static void alter_domain(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    domain a, b;
    int i;
    if (read_domain(spelling(old), &a) < 0 || read_domain(spelling(o), &b) < 0) {
        tide_sqlw_fail(e, "domain %s: more than %d checks", o->name, MAX_CHECKS);
        return;
    }
    if (!same_text(a.base, b.base)) {          /* a new base type: a new domain */
        tide_sqlw_put(e, "drop domain ");
        tide_sqlw_qname(e, old->schema, old->name);
        tide_sqlw_stmt(e);
        create_type(e, o);
        return;
    }
    for (i = 0; i < a.nchecks; i++)
        if (!has_check(&b, a.check_name[i], a.check[i])) {
            alter_domain_head(e, o);
            tide_sqlw_put(e, "drop constraint ");
            check_name(e, &a, i, old->name);
            tide_sqlw_stmt(e);
        }
    if (a.has_default != b.has_default || (b.has_default && !same_text(a.def, b.def))) {
        alter_domain_head(e, o);
        if (b.has_default) {
            tide_sqlw_put(e, "set default ");
            put_span(e, b.def);
        } else {
            tide_sqlw_put(e, "drop default");
        }
        tide_sqlw_stmt(e);
    }
    if (a.not_null != b.not_null) {
        alter_domain_head(e, o);
        tide_sqlw_put(e, b.not_null ? "set not null" : "drop not null");
        tide_sqlw_stmt(e);
    }
    for (i = 0; i < b.nchecks; i++)
        if (!has_check(&a, b.check_name[i], b.check[i])) {
            alter_domain_head(e, o);
            tide_sqlw_put(e, "add ");
            if (b.check_name[i].n) {
                tide_sqlw_put(e, "constraint ");
                put_span(e, b.check_name[i]);
                tide_sqlw_put(e, " ");
            }
            put_span(e, b.check[i]);
            tide_sqlw_stmt(e);
        }
}

/* ---- composite types ---------------------------------------------------------- */

#define MAX_ATTRS 256

typedef struct attr {
    span name, type;             /* name as written (maybe quoted), the rest */
} attr;

/* Splits "a integer, b text" (parentheses around it allowed) into its
 * attributes; -1 when there are too many. */
static int read_attrs(const char *def, attr *out, int *n)
{
    span all = trim(def, def + strlen(def));
    const char *p, *a, *end;
    int depth = 0;
    char quote = 0;
    *n = 0;
    if (all.n >= 2 && all.p[0] == '(' && all.p[all.n - 1] == ')')
        all = trim(all.p + 1, all.p + all.n - 1);
    end = all.p + all.n;
    for (a = p = all.p; p <= end; p++) {
        if (p < end && quote) {
            if (*p == quote)
                quote = 0;
            continue;
        }
        if (p < end && (*p == '\'' || *p == '"')) {
            quote = *p;
        } else if (p < end && *p == '(') {
            depth++;
        } else if (p < end && *p == ')') {
            depth--;
        } else if (p == end || (*p == ',' && depth == 0)) {
            span s = trim(a, p);
            const char *q = s.p, *se = s.p + s.n;
            if (s.n) {
                if (*n == MAX_ATTRS)
                    return -1;
                if (*q == '"') {
                    for (q++; q < se && !(*q == '"' && (q + 1 >= se || q[1] != '"')); q += *q == '"' ? 2 : 1)
                        ;
                    q = q < se ? q + 1 : q;
                } else {
                    while (q < se && !isspace((unsigned char)*q))
                        q++;
                }
                out[*n].name = trim(s.p, q);
                out[*n].type = trim(q, se);
                (*n)++;
            }
            a = p + 1;
        }
    }
    return 0;
}

/* The same attribute name: quoted names compare as written, bare ones
 * folded to lower case. */
static int same_attr_name(span a, span b)
{
    size_t i;
    if (a.n != b.n)
        return 0;
    if (a.p[0] == '"' || b.p[0] == '"')
        return !memcmp(a.p, b.p, a.n);
    for (i = 0; i < a.n; i++)
        if (tolower((unsigned char)a.p[i]) != tolower((unsigned char)b.p[i]))
            return 0;
    return 1;
}

static int find_attr(const attr *v, int n, span name)
{
    int i;
    for (i = 0; i < n; i++)
        if (same_attr_name(v[i].name, name))
            return i;
    return -1;
}

/* Whether the attributes both have keep their order, and the new ones
 * come after them (ADD ATTRIBUTE appends). */
static int appendable(const attr *a, int na, const attr *b, int nb)
{
    int i, last = -1, seen_new = 0;
    for (i = 0; i < nb; i++) {
        int j = find_attr(a, na, b[i].name);
        if (j < 0) {
            seen_new = 1;
            continue;
        }
        if (seen_new || j < last)
            return 0;
        last = j;
    }
    return 1;
}

static void alter_composite(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    static attr a[MAX_ATTRS], b[MAX_ATTRS];
    int na, nb, i, first = 1;
    if (read_attrs(spelling(old), a, &na) < 0 || read_attrs(spelling(o), b, &nb) < 0) {
        tide_sqlw_fail(e, "type %s: more than %d attributes", o->name, MAX_ATTRS);
        return;
    }
    if (!appendable(a, na, b, nb)) {          /* reordered: a new type */
        tide_sqlw_put(e, "drop type ");
        tide_sqlw_qname(e, old->schema, old->name);
        tide_sqlw_stmt(e);
        create_type(e, o);
        return;
    }
    tide_sqlw_put(e, "alter type ");
    tide_sqlw_qname(e, o->schema, o->name);
    for (i = 0; i < na; i++)
        if (find_attr(b, nb, a[i].name) < 0) {
            tide_sqlw_put(e, first ? " drop attribute " : ", drop attribute ");
            put_span(e, a[i].name);
            first = 0;
        }
    for (i = 0; i < nb; i++) {
        int j = find_attr(a, na, b[i].name);
        if (j >= 0 && same_text(a[j].type, b[i].type))
            continue;
        tide_sqlw_put(e, first ? " " : ", ");
        tide_sqlw_put(e, j < 0 ? "add attribute " : "alter attribute ");
        put_span(e, b[i].name);
        tide_sqlw_put(e, j < 0 ? " " : " type ");
        put_span(e, b[i].type);
        first = 0;
    }
    if (first) {                               /* only spelling changed: nothing to do */
        tide_buf_reset(&e->sql);
        return;
    }
    tide_sqlw_stmt(e);
}

/* ---- extensions --------------------------------------------------------------- */

/* The namespace of an extension's definition ("schema public"). */
static const char *extension_schema(const char *def)
{
    const char *p = def ? def : "";
    while (isspace((unsigned char)*p))
        p++;
    if (kw_at(p, p, "with"))
        for (p += 4; isspace((unsigned char)*p);)
            p++;
    if (kw_at(p, p, "schema"))
        for (p += 6; isspace((unsigned char)*p);)
            p++;
    return *p ? p : "public";
}

/* ---- columns of these types ----------------------------------------------------- */

/* A domain of s named by type ("name" or "schema.name"). */
static int is_domain(const tide_schema *s, const char *type)
{
    const char *dot = type ? strchr(type, '.') : NULL;
    char ns[128];
    if (!s || !type)
        return 0;
    if (dot) {
        snprintf(ns, sizeof ns, "%.*s", (int)(dot - type), type);
        return tide_schema_find_object(s, TIDE_OBJ_DOMAIN, ns, dot + 1, NULL) != NULL;
    }
    return tide_schema_find_object(s, TIDE_OBJ_DOMAIN, NULL, type, NULL) != NULL;
}

int pg_emit__domain_cast(const tide_plan *plan, const tide_column *from, const tide_column *to)
{
    return plan && (is_domain(plan->from, from->type) || is_domain(plan->to, to->type) ||
                    is_domain(plan->to, from->type) || is_domain(plan->from, to->type));
}

/* ---- the operations ------------------------------------------------------------- */

static int text_search(const tide_object *o)
{
    return o->kind == TIDE_OBJ_TS_DICTIONARY || o->kind == TIDE_OBJ_TS_CONFIGURATION;
}

static void ref(tide_sqlw *e, const tide_object *o, const char *name)
{
    switch (o->kind) {
    case TIDE_OBJ_EXTENSION:
        tide_sqlw_put(e, "extension ");
        tide_sqlw_q(e, name);
        return;
    case TIDE_OBJ_DOMAIN:
        tide_sqlw_put(e, "domain ");
        break;
    case TIDE_OBJ_COLLATION:
        tide_sqlw_put(e, "collation ");
        break;
    case TIDE_OBJ_TS_DICTIONARY:
        tide_sqlw_put(e, "text search dictionary ");
        break;
    case TIDE_OBJ_TS_CONFIGURATION:
        tide_sqlw_put(e, "text search configuration ");
        break;
    default:
        tide_sqlw_put(e, "type ");
        break;
    }
    tide_sqlw_qname(e, o->schema, name);
}

static void comment(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "comment on ");
    ref(e, o, o->name);
    pg_emit__comment_is(e, o->comment);
}

static void create_type(tide_sqlw *e, const tide_object *o)
{
    switch (o->kind) {
    case TIDE_OBJ_EXTENSION:
        tide_sqlw_put(e, "create extension if not exists ");
        tide_sqlw_q(e, o->name);
        tide_sqlw_put(e, " with schema ");
        tide_sqlw_put(e, extension_schema(o->definition));
        break;
    case TIDE_OBJ_DOMAIN:
        tide_sqlw_put(e, "create domain ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " as ");
        tide_sqlw_put(e, o->definition);
        break;
    case TIDE_OBJ_COLLATION:
    case TIDE_OBJ_RANGE:
        tide_sqlw_put(e, o->kind == TIDE_OBJ_RANGE ? "create type " : "create collation ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, o->kind == TIDE_OBJ_RANGE ? " as range (" : " (");
        tide_sqlw_put(e, o->definition);
        tide_sqlw_put(e, ")");
        break;
    default: {
        span s = trim(o->definition, o->definition + strlen(o->definition));
        int parens = s.n >= 2 && s.p[0] == '(' && s.p[s.n - 1] == ')';
        tide_sqlw_put(e, "create type ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, parens ? " as " : " as (");
        put_span(e, s);
        if (!parens)
            tide_sqlw_put(e, ")");
        break;
    }
    }
    tide_sqlw_stmt(e);
    if (o->comment)
        comment(e, o);
}

/* The driver's SQL for a *_OBJECT operation on a type kind (an extension,
 * a collation, a text search object, a domain, a composite or range type);
 * 0 when the object is of another kind. */
int pg_emit__type_object(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (!(tide_object_kinds[o->kind].flags & TIDE_OBJK_TYPE))
        return 0;
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
        if (text_search(o))
            pg_emit__text_search_create(e, op->object);
        else
            create_type(e, op->object);
        break;
    case TIDE_OP_DROP_OBJECT:
        tide_sqlw_put(e, "drop ");
        ref(e, op->old_object, op->old_object->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_OBJECT:
        if (o->kind == TIDE_OBJ_EXTENSION) {
            tide_sqlw_fail(e, "extension %s: an extension cannot be renamed (it was %s); "
                           "drop the renamedFrom", o->name, op->old_object->name);
            break;
        }
        tide_sqlw_put(e, "alter ");
        ref(e, op->old_object, op->old_object->name);
        tide_sqlw_put(e, " rename to ");
        tide_sqlw_q(e, op->object->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_ALTER_OBJECT:
        if (text_search(o)) {
            pg_emit__text_search_alter(e, op->old_object, op->object);
        } else if (o->kind == TIDE_OBJ_EXTENSION) {
            tide_sqlw_put(e, "alter extension ");
            tide_sqlw_q(e, o->name);
            tide_sqlw_put(e, " set schema ");
            tide_sqlw_put(e, extension_schema(o->definition));
            tide_sqlw_stmt(e);
        } else if (o->kind == TIDE_OBJ_COLLATION || o->kind == TIDE_OBJ_RANGE) {
            /* PostgreSQL alters no collation's options and no range's
             * subtype: made again, which the server refuses while columns
             * or indexes use it */
            tide_sqlw_put(e, "drop ");
            ref(e, op->old_object, op->old_object->name);
            tide_sqlw_stmt(e);
            create_type(e, op->object);
        } else if (o->kind == TIDE_OBJ_DOMAIN) {
            alter_domain(e, op->old_object, op->object);
        } else {
            alter_composite(e, op->old_object, op->object);
        }
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        comment(e, op->object);
        break;
    default:
        break;
    }
    return 1;
}
