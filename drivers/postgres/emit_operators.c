/* emit_operators.c — PostgreSQL SQL for operators, operator families and
 * classes, and casts (model.h, tide_object_kinds). Their definitions are
 * what CREATE takes after the name (an operator's within its
 * parentheses, a family's index method and the members it holds outside
 * its classes, a class's "[default] for type ... using ... as ...", a
 * cast's "with function f(t) [as implicit]", the cast being named
 * "source as target"). PostgreSQL alters an operator's restriction and
 * join estimators and a family's members in place; anything else about
 * them is made again. */
#include "pg_internal.h"
#include "sqltext.h"
#include "sqlw.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef struct span {
    const char *p;
    size_t n;
} span;

static const char *spelling(const tide_object *o)
{
    return o->canonical ? o->canonical : o->definition ? o->definition : "";
}

static span trim(const char *p, size_t n)
{
    span s;
    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    while (n && isspace((unsigned char)p[n - 1]))
        n--;
    s.p = p;
    s.n = n;
    return s;
}

/* Past what starts at p when it is a quoted text or name or a
 * parenthesis (to its end: what is nested is not looked into), else p. */
static const char *past_nested(const char *p)
{
    const char *q;
    if (*p == '(')
        return (q = tide_pg__paren_end(p)) != NULL ? q : p + strlen(p) - 1;
    if (*p != '\'' && *p != '"')
        return p;
    for (q = p + 1; *q && *q != *p; q++)
        ;
    return *q ? q : q - 1;
}

/* The next item of a list at *p (up to a comma outside parentheses and
 * quotes), trimmed; 0 at the end. */
static int next_item(const char **p, span *item)
{
    const char *q = *p;
    if (!*q)
        return 0;
    for (; *q && *q != ','; q++)
        q = past_nested(q);
    *item = trim(*p, (size_t)(q - *p));
    *p = *q ? q + 1 : q;
    return 1;
}

/* Where word w (any case, a word of its own) is in s outside parentheses
 * and quotes, or NULL. */
static const char *find_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    const char *p;
    for (p = s; *p; p++) {
        if ((p == s || isspace((unsigned char)p[-1])) && !strncasecmp(p, w, n) &&
            (!p[n] || isspace((unsigned char)p[n])))
            return p;
        p = past_nested(p);
    }
    return NULL;
}

/* The word after word w in s ("using btree" -> btree), or an empty span. */
static span word_after(const char *s, const char *w)
{
    const char *p = find_word(s, w), *q;
    span out = { "", 0 };
    if (!p)
        return out;
    for (p += strlen(w); isspace((unsigned char)*p); p++)
        ;
    if (*p == '"') {
        for (q = p + 1; *q && !(*q == '"' && q[1] != '"'); q += *q == '"' ? 2 : 1)
            ;
        q += *q == '"';
    } else {
        for (q = p; *q && !isspace((unsigned char)*q) && *q != ',' && *q != '('; q++)
            ;
    }
    out.p = p;
    out.n = (size_t)(q - p);
    return out;
}

/* ---- operators -------------------------------------------------------------- */

/* The value of an operator's option key ("leftarg = integer"), or an
 * empty span. */
static span option(const char *def, const char *key)
{
    const char *p = def;
    span item, none = { "", 0 };
    size_t n = strlen(key);
    while (next_item(&p, &item))
        if (item.n > n && !strncasecmp(item.p, key, n) && (isspace((unsigned char)item.p[n]) || item.p[n] == '=')) {
            const char *eq = memchr(item.p, '=', item.n);
            return eq ? trim(eq + 1, item.n - (size_t)(eq + 1 - item.p)) : none;
        }
    return none;
}

/* The span, or "none" when it is empty (an operator's missing side, an
 * estimator it has not). */
static void put_or_none(tide_sqlw *e, span s)
{
    if (s.n)
        tide_sqlw_putn(e, s.p, s.n);
    else
        tide_sqlw_put(e, "none");
}

/* [schema.]op: an operator's name is not quoted, nor its argument types
 * ("===(integer, integer)") part of it. */
static void operator_name(tide_sqlw *e, const tide_object *o, const char *name)
{
    if (o->schema) {
        tide_sqlw_q(e, o->schema);
        tide_sqlw_put(e, ".");
    }
    tide_sqlw_putn(e, name, strcspn(name, "("));
}

/* operator [schema.]op(left, right), NONE for a side it has not. */
static void operator_ref(tide_sqlw *e, const tide_object *o, const char *name)
{
    span l = option(o->definition, "leftarg"), r = option(o->definition, "rightarg");
    tide_sqlw_put(e, "operator ");
    operator_name(e, o, name);
    tide_sqlw_put(e, "(");
    put_or_none(e, l);
    tide_sqlw_put(e, ", ");
    put_or_none(e, r);
    tide_sqlw_put(e, ")");
}

/* Whether two operators differ only in their estimators (restrict, join). */
static int estimators_only(const char *a, const char *b)
{
    const char *p = a, *q = b;
    span x, y;
    int more_a, more_b;
    for (;;) {
        while ((more_a = next_item(&p, &x)) && (!strncasecmp(x.p, "restrict", 8) || !strncasecmp(x.p, "join", 4)))
            ;
        while ((more_b = next_item(&q, &y)) && (!strncasecmp(y.p, "restrict", 8) || !strncasecmp(y.p, "join", 4)))
            ;
        if (!more_a || !more_b)
            return more_a == more_b;
        if (x.n != y.n || strncmp(x.p, y.p, x.n))
            return 0;
    }
}

static void set_estimators(tide_sqlw *e, const tide_object *o)
{
    span rs = option(o->definition, "restrict"), js = option(o->definition, "join");
    tide_sqlw_put(e, "alter ");
    operator_ref(e, o, o->name);
    tide_sqlw_put(e, " set (restrict = ");
    put_or_none(e, rs);
    tide_sqlw_put(e, ", join = ");
    put_or_none(e, js);
    tide_sqlw_put(e, ")");
    tide_sqlw_stmt(e);
}

/* ---- families and classes ------------------------------------------------- */

/* [operator class|operator family] [schema.]name using am */
static void opclass_ref(tide_sqlw *e, const tide_object *o, const char *what, const char *name)
{
    span am = word_after(o->definition, "using");
    tide_sqlw_put(e, what);
    tide_sqlw_qname(e, o->schema, name);
    tide_sqlw_put(e, " using ");
    tide_sqlw_putn(e, am.p, am.n);
}

/* The members a family's definition adds ("... add m, m"), or "". */
static const char *members(const char *def)
{
    const char *add = find_word(def, "add");
    if (!add)
        return "";
    for (add += 3; isspace((unsigned char)*add); add++)
        ;
    return add;
}

/* Whether member m (of a family's list) is among list's. */
static int has_member(const char *list, span m)
{
    const char *p = list;
    span x;
    while (next_item(&p, &x))
        if (x.n == m.n && !strncmp(x.p, m.p, m.n))
            return 1;
    return 0;
}

/* A member as ALTER OPERATOR FAMILY ... DROP takes it: "operator 1 (a, b)",
 * "function 1 (a, b)" (the types its ADD said, else the function's). */
static void drop_member(tide_sqlw *e, span m)
{
    const char *p = m.p, *end = m.p + m.n, *open;
    int words = 0;
    while (p < end && words < 2) {                   /* operator|function N */
        while (p < end && isspace((unsigned char)*p))
            p++;
        while (p < end && !isspace((unsigned char)*p) && *p != '(')
            p++;
        words++;
    }
    tide_sqlw_putn(e, m.p, (size_t)(p - m.p));
    while (p < end && isspace((unsigned char)*p))
        p++;
    open = p < end && *p == '(' ? p : memchr(p, '(', (size_t)(end - p));
    if (open) {
        const char *close = tide_pg__paren_end(open);
        if (!close || close >= end)
            close = end - 1;
        tide_sqlw_put(e, " ");
        tide_sqlw_putn(e, open, (size_t)(close - open) + 1);
    }
}

/* One ALTER OPERATOR FAMILY o ADD (adding) or DROP of the members of list
 * that other does not hold; nothing when there are none. */
static void alter_members(tide_sqlw *e, const tide_object *o, const char *list, const char *other, int adding)
{
    const char *p;
    span m;
    int first = 1;
    for (p = list; next_item(&p, &m);) {
        if (has_member(other, m))
            continue;
        if (first) {
            tide_sqlw_put(e, "alter ");
            opclass_ref(e, o, "operator family ", o->name);
            tide_sqlw_put(e, adding ? " add " : " drop ");
        } else {
            tide_sqlw_put(e, ", ");
        }
        if (adding)
            tide_sqlw_putn(e, m.p, m.n);
        else
            drop_member(e, m);
        first = 0;
    }
    if (!first)
        tide_sqlw_stmt(e);
}

/* ALTER OPERATOR FAMILY: the members old holds that o does not dropped,
 * those o holds that old does not added (a member changed is both). */
static void alter_family(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    const char *was = members(spelling(old)), *now = members(spelling(o));
    span am_a = word_after(spelling(old), "using"), am_b = word_after(spelling(o), "using");
    if (am_a.n != am_b.n || strncmp(am_a.p, am_b.p, am_a.n)) {
        tide_sqlw_put(e, "drop ");                      /* another index method: another family */
        opclass_ref(e, old, "operator family ", old->name);
        tide_sqlw_stmt(e);
        pg_emit__operator_create(e, o);
        return;
    }
    alter_members(e, o, was, now, 0);
    alter_members(e, o, now, was, 1);
}

/* Whether a class names its family; one that does not made its family
 * (of its name) and goes with it. */
static int names_family(const tide_object *o)
{
    const char *as = find_word(o->definition, "as"), *fam = find_word(o->definition, "family");
    return fam && (!as || fam < as);
}

/* ---- casts --------------------------------------------------------------------- */

/* cast (source as target): the name is "source as target". */
static void cast_ref(tide_sqlw *e, const char *name)
{
    tide_sqlw_put(e, "cast (");
    tide_sqlw_put(e, name);
    tide_sqlw_put(e, ")");
}

/* ---- one op --------------------------------------------------------------------- */

static void ref(tide_sqlw *e, const tide_object *o, const char *name)
{
    switch (o->kind) {
    case TIDE_OBJ_OPERATOR:
        operator_ref(e, o, name);
        break;
    case TIDE_OBJ_OPFAMILY:
        opclass_ref(e, o, "operator family ", name);
        break;
    case TIDE_OBJ_OPCLASS:
        opclass_ref(e, o, "operator class ", name);
        break;
    default:
        cast_ref(e, name);
        break;
    }
}

static void comment(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "comment on ");
    ref(e, o, o->name);
    pg_emit__comment_is(e, o->comment);
}

void pg_emit__operator_create(tide_sqlw *e, const tide_object *o)
{
    switch (o->kind) {
    case TIDE_OBJ_OPERATOR:
        tide_sqlw_put(e, "create operator ");
        operator_name(e, o, o->name);
        tide_sqlw_put(e, " (");
        tide_sqlw_put(e, o->definition);
        tide_sqlw_put(e, ")");
        break;
    case TIDE_OBJ_OPFAMILY:
        tide_sqlw_put(e, "create ");
        opclass_ref(e, o, "operator family ", o->name);
        if (*members(o->definition)) {
            tide_sqlw_stmt(e);
            tide_sqlw_put(e, "alter ");
            opclass_ref(e, o, "operator family ", o->name);
            tide_sqlw_put(e, " add ");
            tide_sqlw_put(e, members(o->definition));
        }
        break;
    case TIDE_OBJ_OPCLASS:
        tide_sqlw_put(e, "create operator class ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        break;
    default:
        tide_sqlw_put(e, "create ");
        cast_ref(e, o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        break;
    }
    tide_sqlw_stmt(e);
    if (o->comment)
        comment(e, o);
}

static void drop(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "drop ");
    if (o->kind == TIDE_OBJ_OPCLASS && !names_family(o))
        opclass_ref(e, o, "operator family ", o->name);     /* the family it made, and it with it */
    else
        ref(e, o, o->name);
    tide_sqlw_stmt(e);
}

int pg_emit__operator_object(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object, *old = op->old_object;
    if (o->kind != TIDE_OBJ_OPERATOR && o->kind != TIDE_OBJ_OPFAMILY && o->kind != TIDE_OBJ_OPCLASS &&
        o->kind != TIDE_OBJ_CAST)
        return 0;
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
        pg_emit__operator_create(e, o);
        break;
    case TIDE_OP_DROP_OBJECT:
        drop(e, old);
        break;
    case TIDE_OP_RENAME_OBJECT:
        if (o->kind == TIDE_OBJ_OPFAMILY || o->kind == TIDE_OBJ_OPCLASS) {
            tide_sqlw_put(e, "alter ");
            ref(e, old, old->name);
            tide_sqlw_put(e, " rename to ");
            tide_sqlw_q(e, o->name);
            tide_sqlw_stmt(e);
            if (o->kind == TIDE_OBJ_OPCLASS && !names_family(old)) {   /* the family it made is named again */
                tide_sqlw_put(e, "alter ");
                opclass_ref(e, old, "operator family ", old->name);
                tide_sqlw_put(e, " rename to ");
                tide_sqlw_q(e, o->name);
                tide_sqlw_stmt(e);
            }
        } else {                          /* PostgreSQL renames no operator and no cast */
            drop(e, old);
            pg_emit__operator_create(e, o);
        }
        break;
    case TIDE_OP_ALTER_OBJECT:
        if (o->kind == TIDE_OBJ_OPFAMILY) {
            alter_family(e, old, o);
        } else if (o->kind == TIDE_OBJ_OPERATOR && estimators_only(spelling(old), spelling(o))) {
            set_estimators(e, o);
        } else {
            drop(e, old);
            pg_emit__operator_create(e, o);
        }
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        comment(e, o);
        break;
    default:
        break;
    }
    return 1;
}
