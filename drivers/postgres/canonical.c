/* canonical.c — the server's own spelling of definitions (the driver's
 * canonicalize). pg_get_viewdef, pg_get_functiondef and pg_get_triggerdef
 * rewrite what they are given, so text written by hand never equals what
 * introspection reads back. The definitions' tables and objects of the
 * default namespace are created in a scratch namespace inside a
 * transaction that is always rolled back, read back with introspection,
 * and each object's canonical form is set from what was read: the live
 * database is never changed, and nothing of the scratch namespace stays.
 * Views, materialized views and their indexes, and functions of other
 * namespaces are created in a scratch namespace of their own (see
 * movable); what they read outside the default namespace is the live
 * database's, so that an object which cannot be made that way (what it
 * reads is not there yet) is left to be compared as text. Partitions of
 * the default namespace's tables kept in other namespaces (GitLab's) are
 * made with their tables, with their own constraints (see relocated).
 * Triggers and policies on tables of other namespaces are compared as
 * text: their tables are not made. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SCRATCH "tide_canonical"

/* The namespaces other than the default whose views are canonicalised;
 * the i-th is created as SCRATCH "_<i+1>". */
typedef struct spaces {
    const char **names;
    int n;
} spaces;

/* Kinds whose text the server rewrites (sequences: normalize does it). */
static int rewritten(const tide_object *o)
{
    return o->kind == TIDE_OBJ_DOMAIN || o->kind == TIDE_OBJ_RANGE || o->kind == TIDE_OBJ_OPERATOR ||
           o->kind == TIDE_OBJ_OPFAMILY || o->kind == TIDE_OBJ_OPCLASS || o->kind == TIDE_OBJ_CAST || o->kind == TIDE_OBJ_TS_DICTIONARY || o->kind == TIDE_OBJ_TS_CONFIGURATION || o->kind == TIDE_OBJ_COMPOSITE || o->kind == TIDE_OBJ_PARTITION ||
           o->kind == TIDE_OBJ_FUNCTION || o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW ||
           o->kind == TIDE_OBJ_MATVIEW_INDEX || o->kind == TIDE_OBJ_PARTITION_INDEX ||
           o->kind == TIDE_OBJ_PARTITION_CONSTRAINT ||
           o->kind == TIDE_OBJ_TRIGGER || o->kind == TIDE_OBJ_RULE || o->kind == TIDE_OBJ_POLICY || o->kind == TIDE_OBJ_STATISTICS ||
           o->kind == TIDE_OBJ_FOREIGN_TABLE;
}

static int is_view(const tide_object *o)
{
    return o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW;
}

/* Objects of another namespace that can be made in a scratch namespace:
 * views and foreign tables (their text does not say where they are),
 * functions (the namespace their CREATE statement names is made the
 * scratch one) and indexes of materialized views (the namespace of the
 * view they are on). */
static int movable(const tide_object *o)
{
    return is_view(o) || o->kind == TIDE_OBJ_FUNCTION || o->kind == TIDE_OBJ_MATVIEW_INDEX ||
           o->kind == TIDE_OBJ_FOREIGN_TABLE;
}

/* The database's own objects a foreign table needs (its wrapper and
 * server): made with the part under a savepoint, the live one of the same
 * name kept when there is one (their spelling is normalize's). So are a
 * cast (it belongs to the database: the live one between the same types
 * is in the way) and operator classes and families (a default class for
 * a type of the live database is in the way of one made again); one that
 * fails is compared as text. */
static int database_object(const tide_object *o)
{
    return o->kind == TIDE_OBJ_FOREIGN_WRAPPER || o->kind == TIDE_OBJ_FOREIGN_SERVER || o->kind == TIDE_OBJ_CAST ||
           o->kind == TIDE_OBJ_OPCLASS || o->kind == TIDE_OBJ_OPFAMILY;
}

/* Whether the server spells o: of the default namespace, or movable. */
static int spelled_by_server(const tide_object *o)
{
    return rewritten(o) && (!o->schema || movable(o));
}

/* The index of namespace ns among sp, or -1. */
static int space_of(const spaces *sp, const char *ns)
{
    int i;
    for (i = 0; ns && i < sp->n; i++)
        if (!strcmp(sp->names[i], ns))
            return i;
    return -1;
}

/* The scratch namespace standing for sp's i-th namespace. */
static void scratch_name(int i, char out[32])
{
    snprintf(out, 32, SCRATCH "_%d", i + 1);
}

/* Lists the namespaces of s's movable objects. */
static int list_spaces(const tide_schema *s, spaces *sp, tide_err *err)
{
    int i;
    sp->n = 0;
    if (!(sp->names = malloc(sizeof *sp->names * (size_t)(s->nobjects + 1))))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < s->nobjects; i++)
        if (s->objects[i].schema && movable(&s->objects[i]) && space_of(sp, s->objects[i].schema) < 0)
            sp->names[sp->n++] = s->objects[i].schema;
    return 0;
}

static int in_default(const tide_table *t, void *ud)
{
    (void)ud;
    return t->schema == NULL;
}

static int enum_in_default(const tide_enum *e, void *ud)
{
    (void)ud;
    return e->schema == NULL;
}

static int ident_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           ch == '$' || (unsigned char)ch >= 0x80;
}

/* The length of the quoted text or comment at p (a string, a quoted
 * identifier, a dollar quote, a comment), or 0. */
static size_t skipped(const char *p)
{
    const char *q = p, *end;
    if (*p == '\'' || *p == '"') {
        for (q = p + 1; *q && !(*q == *p && q[1] != *p); q += *q == *p ? 2 : 1)
            ;
        return (size_t)(q - p) + (*q != 0);
    }
    if (p[0] == '-' && p[1] == '-')
        return (end = strchr(p, '\n')) ? (size_t)(end - p) : strlen(p);
    if (p[0] == '/' && p[1] == '*')
        return (end = strstr(p + 2, "*/")) ? (size_t)(end + 2 - p) : strlen(p);
    if (*p == '$') {
        for (q = p + 1; ident_char(*q) && *q != '$'; q++)
            ;
        if (*q == '$') {
            char tag[64];
            snprintf(tag, sizeof tag, "%.*s", (int)(q + 1 - p), p);
            return (end = strstr(q + 1, tag)) ? (size_t)(end + strlen(tag) - p) : strlen(p);
        }
    }
    return 0;
}

/* Whether the name at p (after "public.") is a table or a view of the
 * definitions' default namespace: those are in the scratch namespace. */
static int part_name(const tide_schema *c, const char *p)
{
    char name[256];
    size_t n = 0;
    int i;
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        if (!end || end - p - 1 >= (long)sizeof name)
            return 0;
        snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
    } else {
        for (; ident_char(p[n]) && n < sizeof name - 1; n++)
            name[n] = (char)(p[n] >= 'A' && p[n] <= 'Z' ? p[n] - 'A' + 'a' : p[n]);
        name[n] = 0;
    }
    if (tide_schema_find_table(c, NULL, name))
        return 1;
    for (i = 0; i < c->nobjects; i++)
        if (!c->objects[i].schema && is_view(&c->objects[i]) && !strcmp(c->objects[i].name, name))
            return 1;
    return 0;
}

/* o's text with the qualifier `ns.` (bare in any case, or quoted) made
 * `to.` outside quotes and comments; only where the name that follows is
 * one of the part when `in_part`. */
static int requalified(tide_schema *c, tide_object *o, const char *ns, const char *to, int in_part, tide_buf *buf)
{
    const char *p = o->definition;
    size_t n, len = strlen(ns);
    int hit = 0;
    tide_buf_reset(buf);
    while (p && *p) {
        size_t at = *p == '"' ? len + 2 : len;     /* "ns" or ns */
        if ((p == o->definition || (!ident_char(p[-1]) && p[-1] != '.')) &&
            (*p == '"' ? !strncmp(p + 1, ns, len) && p[len + 1] == '"' : !strncasecmp(p, ns, len)) &&
            p[at] == '.' && (!in_part || part_name(c, p + at + 1))) {
            if (tide_buf_puts(buf, to) < 0)
                return TIDE_ENOMEM;
            p += at;
            hit = 1;
            continue;
        }
        n = skipped(p);
        n = n ? n : 1;
        if (tide_buf_add(buf, p, n) < 0)
            return TIDE_ENOMEM;
        p += n;
    }
    if (hit && !(o->definition = tide_schema_str(c, buf->data)))
        return TIDE_ENOMEM;
    return 0;
}

/* A view's query with "public." made SCRATCH "." where it names a table
 * or view of the definitions: those are in the scratch namespace, which
 * the search path finds first, so that the server prints them as it
 * prints the live ones ("item", not "public.item"). */
static int scratch_public(tide_schema *c, tide_object *o, tide_buf *buf)
{
    return requalified(c, o, "public", SCRATCH, 1, buf);
}

/* p past the whitespace and comments at p, then past word (any case)
 * when it is there; NULL when it is not. */
static const char *past_word(const char *p, const char *word)
{
    size_t n = strlen(word);
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!(p[0] == '-' && p[1] == '-') && !(p[0] == '/' && p[1] == '*'))
            break;
        p += skipped(p);
    }
    if (!*word)
        return p;
    return !strncasecmp(p, word, n) && !ident_char(p[n]) ? p + n : NULL;
}

/* A function's CREATE statement with the namespace it names made
 * `scratch`: 0, or 1 when the statement does not name ns (left out). */
static int scratch_header(tide_schema *c, tide_object *o, const char *scratch, tide_buf *buf)
{
    const char *p = past_word(o->definition ? o->definition : "", "create"), *q;
    size_t n = strlen(o->schema);
    if (p && (q = past_word(p, "or")) != NULL && !(p = past_word(q, "replace")))
        return 1;
    if (!p || (!(q = past_word(p, "function")) && !(q = past_word(p, "procedure"))))
        return 1;
    p = past_word(q, "");
    if (*p == '"' && !strncmp(p + 1, o->schema, n) && p[n + 1] == '"' && p[n + 2] == '.')
        q = p + n + 2;
    else if (!strncasecmp(p, o->schema, n) && p[n] == '.')
        q = p + n;
    else
        return 1;
    tide_buf_reset(buf);
    if (tide_buf_add(buf, o->definition, (size_t)(p - o->definition)) < 0 || tide_buf_puts(buf, scratch) < 0 ||
        tide_buf_puts(buf, q) < 0 || !(o->definition = tide_schema_str(c, buf->data)))
        return TIDE_ENOMEM;
    return 0;
}

/* Whether the default namespace holds a table named name (a scan: the
 * part is not finished yet). */
static int default_table(const tide_schema *s, const char *name)
{
    int i;
    for (i = 0; i < s->ntables; i++)
        if (!s->tables[i]->schema && !strcmp(s->tables[i]->name, name))
            return 1;
    return 0;
}

/* Whether partition o goes to the scratch namespace with the tables: its
 * table is one of the default namespace, or a partition that goes, and
 * no other table or partition bears its name there. */
static int partition_goes(const tide_schema *s, const tide_object *o, int depth)
{
    const char *ts = tide_object_table_schema(o);
    const tide_object *p;
    int i;
    if (depth > 32 || !(ts ? (p = tide_schema_find_partition(s, ts, o->table)) != NULL &&
                             partition_goes(s, p, depth + 1)
                           : default_table(s, o->table)))
        return 0;
    if (o->schema && default_table(s, o->name))
        return 0;
    for (i = 0; o->schema && i < s->nobjects; i++)
        if (&s->objects[i] != o && s->objects[i].kind == TIDE_OBJ_PARTITION && !strcmp(s->objects[i].name, o->name))
            return 0;
    return 1;
}

/* Whether o is a partition of the default namespace's tables kept in
 * another namespace (GitLab's gitlab_partitions_dynamic), or of a table of
 * its own namespace that is such a partition, or a constraint of one: made
 * in the scratch namespace with its table, so that the server spells its
 * bound (or its check) as it spells the others'. */
static int relocated(const tide_schema *s, const tide_object *o)
{
    const tide_object *p;
    if (o->kind == TIDE_OBJ_PARTITION_CONSTRAINT)
        return o->schema && (p = tide_schema_find_partition(s, o->schema, o->table)) != NULL && relocated(s, p);
    return o->kind == TIDE_OBJ_PARTITION && (o->schema || o->table_schema) && partition_goes(s, o, 0);
}

/* The objects kept in the part: those of the default namespace, and the
 * movable ones, moved to their scratch namespace (before finish, which
 * sorts them by namespace). Aggregates stay out: their text is built by
 * introspection, not rewritten by the server, and CREATE AGGREGATE names
 * its namespace (the live one's would be made twice); what uses one uses
 * the live database's. So do the database's own objects (publications,
 * event triggers): in no namespace, the live one of the same name is in
 * the way, and normalize has put them in their one spelling. */
static int keep_objects(tide_schema *c, const spaces *sp, tide_err *err)
{
    tide_buf buf = TIDE_BUF_INIT;
    char name[32], *moved = calloc((size_t)c->nobjects + 1, 1);
    int i, n = 0, rc = 0;
    if (!moved)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < c->nobjects; i++)             /* decided before any moves */
        moved[i] = (char)relocated(c, &c->objects[i]);
    for (i = 0; i < c->nobjects; i++)
        if (moved[i])
            c->objects[i].schema = c->objects[i].table_schema = NULL;
    free(moved);
    for (i = 0; i < c->nobjects && rc == 0; i++) {
        tide_object *o = &c->objects[i];
        if ((o->schema && !movable(o)) || o->kind == TIDE_OBJ_AGGREGATE || o->kind == TIDE_OBJ_PUBLICATION ||
            o->kind == TIDE_OBJ_EVENT_TRIGGER)
            continue;
        if (o->schema) {
            int left_out = 0;
            scratch_name(space_of(sp, o->schema), name);
            if (o->kind == TIDE_OBJ_FUNCTION && (left_out = scratch_header(c, o, name, &buf)) < 0)
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
            if (o->kind == TIDE_OBJ_MATVIEW_INDEX && requalified(c, o, o->schema, name, 0, &buf) < 0)
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
            if (left_out)
                continue;
            if (!(o->schema = tide_schema_str(c, name)))
                rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        }
        c->objects[n++] = *o;
    }
    c->nobjects = n;
    tide_buf_free(&buf);
    return rc;
}

/* scratch_public on the part's views and indexes of materialized views
 * of the default namespace, once finish has found what they read (in
 * the names as written). */
static int scratch_publics(tide_schema *c, tide_err *err)
{
    tide_buf buf = TIDE_BUF_INIT;
    int i, rc = 0;
    for (i = 0; i < c->nobjects && rc == 0; i++) {
        tide_object *o = &c->objects[i];
        if ((is_view(o) || (!o->schema && o->kind == TIDE_OBJ_MATVIEW_INDEX)) && scratch_public(c, o, &buf) < 0)
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    tide_buf_free(&buf);
    return rc;
}

/* The definitions of the default namespace only (the scratch namespace
 * stands for it) and the movable objects, finished. Tables of other
 * namespaces are left out, but not the objects that read them: those read
 * the live tables (tide_schema_retain would drop them). */
static int default_part(const tide_schema *s, const spaces *sp, tide_schema **out, tide_err *err)
{
    tide_schema *c = tide_schema_copy(s);
    tide_object *kept = NULL;
    int n, rc;
    if (!c)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    *out = c;
    if ((rc = keep_objects(c, sp, err)) < 0 || (rc = tide_schema_finish(c, err)) < 0 ||
        (rc = scratch_publics(c, err)) < 0)
        return rc;
    n = c->nobjects;
    if (n && !(kept = malloc(sizeof *kept * (size_t)n)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (n)
        memcpy(kept, c->objects, sizeof *kept * (size_t)n);
    tide_schema_retain(c, in_default, enum_in_default, NULL);
    if (n)
        memcpy(c->objects, kept, sizeof *kept * (size_t)n);    /* retain only shrinks */
    c->nobjects = n;
    free(kept);
    return 0;
}

/* Whether part's object o needs what the part does not make: it is of
 * another namespace, or reads (or is on) a name that is neither a table
 * of the part nor an object of it that needs nothing else. Such an
 * object is made under a savepoint, and left as text if it fails. */
static int reads_outside(const tide_schema *part, const char *outside, const char *name)
{
    const char *dot = strchr(name, '.');
    char ns[256];
    int i;
    snprintf(ns, sizeof ns, "%.*s", dot ? (int)(dot - name) : 0, name);
    if (tide_schema_find_table(part, dot ? ns : NULL, dot ? dot + 1 : name))
        return 0;
    for (i = 0; i < part->nobjects; i++)
        if (!outside[i] && !part->objects[i].schema && !part->objects[i].table && !dot &&
            !strcmp(part->objects[i].name, name))
            return 0;
    return 1;
}

/* Whether o, of the default namespace, read something of another
 * namespace among the definitions (the part no longer names it). */
static int read_elsewhere(const tide_schema *s, const tide_object *o)
{
    const tide_object *was = tide_schema_find_object(s, o->kind, NULL, o->name, o->table);
    int j;
    for (j = 0; was && j < was->nreads; j++)
        if (strchr(was->reads[j], '.'))
            return 1;
    return 0;
}

/* Marks outside[i] for the part's objects that need the live database. A
 * function that names the default namespace in its CREATE replaces the
 * live one of the same arguments, whose result may be the live table's
 * row type or type (a composite type's, an enum's: a cast's function
 * returning one), not the scratch one's: PostgreSQL may refuse it
 * (another result type), and it is then compared as text. */
static void mark_outside(const tide_schema *s, const tide_schema *part, char *outside)
{
    int i, j, more;
    for (i = 0; i < part->nobjects; i++)
        outside[i] = part->objects[i].schema != NULL || read_elsewhere(s, &part->objects[i]) ||
                     database_object(&part->objects[i]) ||
                     part->objects[i].kind == TIDE_OBJ_FUNCTION;
    do {
        more = 0;
        for (i = 0; i < part->nobjects; i++) {
            const tide_object *o = &part->objects[i];
            int out = outside[i] || (o->table && reads_outside(part, outside, o->table));
            for (j = 0; !out && j < o->nreads; j++)
                out = reads_outside(part, outside, o->reads[j]);
            if (out && !outside[i])
                outside[i] = more = 1;
        }
    } while (more);
}

/* A materialized view's statement made WITH NO DATA into buf (1), or
 * 0: its query may read the live tables, and take long; what it is made
 * of is all that is read back. */
static int no_data(const char *sql, tide_buf *buf)
{
    static const char with[] = "\nwith data";
    size_t n = strlen(sql), w = sizeof with - 1;
    if (n < w || strcmp(sql + n - w, with) || strncmp(sql, "create materialized view ", 25))
        return 0;
    tide_buf_reset(buf);
    return tide_buf_add(buf, sql, n - w) < 0 || tide_buf_puts(buf, "\nwith no data") < 0 ? TIDE_ENOMEM : 1;
}

/* Runs the statements of one op; a failure names the op. */
static int run_op(tide_dconn *c, const tide_plan *plan, int i, tide_err *err)
{
    tide_plan one = *plan;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_buf what = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    int rc, j;
    one.ops = &plan->ops[i];
    one.n = 1;
    if ((rc = pg_emit(&one, &sql, err)) < 0)
        goto done;
    for (j = 0; j < sql.n && rc == 0; j++) {
        if ((rc = no_data(sql.items[j], &text)) < 0) {
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
            break;
        }
        if ((rc = tide_postgres_driver.script(c, rc ? text.data : sql.items[j], err)) < 0 && err) {
            char msg[sizeof err->msg];
            tide_op_describe(&plan->ops[i], &what);
            snprintf(msg, sizeof msg, "%s", err->msg);
            snprintf(err->msg, sizeof err->msg, "the definitions do not hold on PostgreSQL: %.100s: %.360s",
                     what.data ? what.data : "?", msg);
        }
    }
done:
    tide_sql_list_free(&sql);
    tide_buf_free(&what);
    tide_buf_free(&text);
    return rc;
}

/* Appends text to out with every `from` made `to`. */
static int replaced(const char *text, const char *from, const char *to, tide_buf *out)
{
    const char *p = text, *hit;
    tide_buf_reset(out);
    while ((hit = strstr(p, from)) != NULL) {
        if (tide_buf_add(out, p, (size_t)(hit - p)) < 0 || tide_buf_puts(out, to) < 0)
            return TIDE_ENOMEM;
        p = hit + strlen(from);
    }
    return tide_buf_puts(out, p) < 0 ? TIDE_ENOMEM : 0;
}

/* ns as the server prints it (quote_ident), then ".". */
static int quoted_ns(const char *ns, tide_buf *out)
{
    tide_buf_reset(out);
    return pg_ident(out, ns) < 0 || tide_buf_putc(out, '.') < 0 ? TIDE_ENOMEM : 0;
}

/* text with "tide_canonical." made "public." and, for an object of
 * namespace ns made in scratch namespace `scratch`, "<scratch>." made
 * "<ns>." (pg_get_functiondef always names the namespace), canonicalised
 * as finish does, into out. */
static int spelled(const char *text, const char *ns, const char *scratch, tide_buf *tmp, tide_buf *out)
{
    tide_buf from = TIDE_BUF_INIT, to = TIDE_BUF_INIT;
    int rc = replaced(text, SCRATCH ".", "public.", tmp);
    if (rc == 0 && ns) {
        rc = tide_buf_printf(&from, "%s.", scratch) < 0 || quoted_ns(ns, &to) < 0 ||
             replaced(tmp->data, from.data, to.data, out) < 0 ? TIDE_ENOMEM : 0;
        tide_buf_reset(tmp);
        if (rc == 0 && tide_buf_puts(tmp, out->data) < 0)
            rc = TIDE_ENOMEM;
    }
    tide_buf_free(&from);
    tide_buf_free(&to);
    if (rc < 0)
        return rc;
    tide_buf_reset(out);
    return tide_model_canonical_expr(tmp->data, out);
}

/* A view's column defaults as the server spells them (r: the view made in
 * scratch namespace `scratch`, with the same columns defaulted). */
static int take_column_defaults(tide_schema *s, tide_object *o, const tide_object *r, const char *scratch,
                                tide_buf *tmp, tide_buf *out, tide_err *err)
{
    int i;
    if (o->kind != TIDE_OBJ_VIEW || r->ncolumn_defaults != o->ncolumn_defaults)
        return 0;
    for (i = 0; i + 1 < r->ncolumn_defaults; i += 2) {
        if (strcmp(r->column_defaults[i], o->column_defaults[i]))
            return 0;                       /* a name folded: compared as text */
    }
    for (i = 1; i < r->ncolumn_defaults; i += 2)
        if (spelled(r->column_defaults[i], o->schema, scratch, tmp, out) < 0 ||
            !(o->column_defaults[i] = tide_schema_str(s, out->data)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return 0;
}

/* Sets s's objects' canonical from those read in the scratch namespaces. */
static int take_canonical(tide_schema *s, const spaces *sp, const tide_schema *read, tide_err *err)
{
    tide_buf tmp = TIDE_BUF_INIT, out = TIDE_BUF_INIT;
    char name[32] = "";
    int i, rc = 0;
    for (i = 0; i < s->nobjects && rc == 0; i++) {
        tide_object *o = &s->objects[i];
        const tide_object *r;
        int moved = relocated(s, o);
        if (!spelled_by_server(o) && !moved)
            continue;
        if (o->schema && !moved)
            scratch_name(space_of(sp, o->schema), name);
        r = tide_schema_find_object(read, o->kind, o->schema && !moved ? name
                                    : o->kind == TIDE_OBJ_CAST ? NULL : SCRATCH,
                                    o->name, o->table);      /* a cast is the database's, in no namespace */
        if (!r)
            continue;           /* a function overloaded, a name folded, not made: compared as text */
        if (spelled(r->definition, moved ? NULL : o->schema, name, &tmp, &out) < 0 ||
            !(o->canonical = tide_schema_str(s, out.data)))
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        else
            rc = take_column_defaults(s, o, r, name, &tmp, &out, err);
    }
    tide_buf_free(&tmp);
    tide_buf_free(&out);
    return rc;
}

/* Runs the part's ops: an object that needs the live database under a
 * savepoint, left out if it fails (a failure of the others fails). */
static int run_plan(tide_dconn *c, const tide_schema *s, const tide_schema *part, const tide_plan *plan, tide_err *err)
{
    char *outside = calloc((size_t)part->nobjects + 1, 1);
    tide_err ignored;
    int i, rc = 0;
    if (!outside)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    mark_outside(s, part, outside);
    for (i = 0; i < plan->n && rc == 0; i++) {
        const tide_op *op = &plan->ops[i];
        if (op->kind == TIDE_OP_CREATE_NAMESPACE)
            continue;
        if (!op->object || op->object < part->objects || op->object >= part->objects + part->nobjects ||
            !outside[op->object - part->objects]) {
            rc = run_op(c, plan, i, err);
        } else if ((rc = tide_postgres_driver.begin(c, err)) == 0) {
            if (run_op(c, plan, i, &ignored) < 0)
                rc = tide_postgres_driver.rollback(c, err);
            else
                rc = tide_postgres_driver.commit(c, err);
        }
    }
    free(outside);
    return rc;
}

/* CREATE SCHEMA for each scratch namespace, and the search path that
 * finds the default one first (objects of the default namespace are
 * written unqualified). */
static int scratch_sql(const spaces *sp, tide_buf *sql)
{
    char name[32];
    int i;
    if (tide_buf_puts(sql, "CREATE SCHEMA " SCRATCH "; ") < 0)
        return TIDE_ENOMEM;
    for (i = 0; i < sp->n; i++) {
        scratch_name(i, name);
        if (tide_buf_printf(sql, "CREATE SCHEMA %s; ", name) < 0)
            return TIDE_ENOMEM;
    }
    return tide_buf_puts(sql, "SELECT pg_catalog.set_config('search_path', '" SCRATCH
                         ", ' || pg_catalog.current_setting('search_path'), true)") < 0 ? TIDE_ENOMEM : 0;
}

/* Creates part in the scratch namespaces and reads it back into read. */
static int create_and_read(tide_dconn *c, const tide_schema *s, const spaces *sp, const tide_schema *part, tide_schema *read,
                           tide_err *err)
{
    tide_schema *empty = tide_schema_new();
    tide_introspect_opts opts;
    tide_plan plan;
    tide_buf sql = TIDE_BUF_INIT;
    const char **names = calloc((size_t)sp->n + 1, sizeof *names);
    char (*scratch)[32] = calloc((size_t)sp->n + 1, sizeof *scratch);
    int rc, i;
    memset(&plan, 0, sizeof plan);
    memset(&opts, 0, sizeof opts);
    if (!empty || !names || !scratch || scratch_sql(sp, &sql) < 0) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    names[0] = SCRATCH;
    for (i = 0; i < sp->n; i++) {
        scratch_name(i, scratch[i]);
        names[i + 1] = scratch[i];
    }
    if ((rc = tide_schema_finish(empty, err)) < 0 ||
        (rc = tide_postgres_driver.script(c, sql.data, err)) < 0 ||
        (rc = tide_diff(empty, part, NULL, &plan, NULL, err)) < 0 ||
        (rc = run_plan(c, s, part, &plan, err)) < 0)
        goto done;
    opts.schemas = names;
    opts.nschemas = sp->n + 1;
    if ((rc = pg_introspect(c, &opts, read, err)) == 0)
        rc = tide_schema_finish(read, err);
done:
    tide_plan_free(&plan);
    tide_schema_free(empty);
    tide_buf_free(&sql);
    free(names);
    free(scratch);
    return rc;
}

int pg_canonicalize(tide_dconn *c, tide_schema *s, tide_err *err)
{
    tide_schema *part = NULL, *read = NULL;
    spaces sp = { NULL, 0 };
    tide_err ignored;
    int i, rc, any = 0;
    for (i = 0; i < s->nobjects; i++)
        any |= spelled_by_server(&s->objects[i]) || relocated(s, &s->objects[i]);
    if (!any)
        return 0;                        /* no transaction for nothing */
    if ((rc = list_spaces(s, &sp, err)) < 0 || (rc = default_part(s, &sp, &part, err)) < 0)
        goto done;
    if (!(read = tide_schema_new())) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_postgres_driver.begin(c, err)) < 0)
        goto done;
    rc = create_and_read(c, s, &sp, part, read, err);
    tide_postgres_driver.rollback(c, &ignored);       /* always: nothing stays */
    if (rc == 0)
        rc = take_canonical(s, &sp, read, err);
done:
    tide_schema_free(part);
    tide_schema_free(read);
    free(sp.names);
    return rc;
}
