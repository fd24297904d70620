/* emit_objects.c — PostgreSQL SQL for the objects beside tables (model.h,
 * tide_object_kinds): sequences, functions and procedures, aggregates, views,
 * materialized views, triggers and policies. A view's definition is its
 * query; a trigger's, a function's and a policy's is the whole statement,
 * run as written; a sequence's is its options. */
#include "pg_internal.h"
#include "sqltext.h"
#include "sqlw.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ---- functions: the signature DROP, ALTER and COMMENT need --------------- */

/* The first '(' outside quotes: the argument list after the name. */
static const char *args_open(const char *def)
{
    char quote = 0;
    for (; *def; def++) {
        if (quote && *def == quote)
            quote = 0;
        else if (!quote && (*def == '"' || *def == '\''))
            quote = *def;
        else if (!quote && *def == '(')
            return def;
    }
    return NULL;
}

static int word_at(const char *p, const char *start, const char *word)
{
    size_t n = strlen(word);
    return !strncasecmp(p, word, n) && (p == start || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
           !(isalnum((unsigned char)p[n]) || p[n] == '_');
}

/* Whether the statement creates a procedure (the word before the name). */
int pg_emit__is_procedure(const char *def)
{
    const char *open = args_open(def), *p;
    for (p = def; open && p < open; p++)
        if (word_at(p, def, "procedure"))
            return 1;
    return 0;
}

/* One argument without its default ("a integer DEFAULT 1" -> "a integer"),
 * trimmed, appended to out. */
static void put_arg(tide_sqlw *e, const char *a, const char *end)
{
    const char *p, *cut = end;
    char quote = 0;
    int depth = 0;
    for (p = a; p < end && cut == end; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if (!depth && (*p == '=' || word_at(p, a, "default"))) {
            cut = p;
        }
    }
    while (a < cut && isspace((unsigned char)*a))
        a++;
    while (cut > a && isspace((unsigned char)cut[-1]))
        cut--;
    if (e->rc == 0 && tide_buf_add(&e->sql, a, (size_t)(cut - a)) < 0)
        e->rc = tide_err_set(e->err, TIDE_ENOMEM, "out of memory");
}

/* (argument types and names, no defaults) of a CREATE FUNCTION statement. */
int pg_emit__signature(tide_sqlw *e, const tide_object *o)
{
    const char *open = o->definition ? args_open(o->definition) : NULL;
    const char *close = open ? tide_pg__paren_end(open) : NULL, *p, *a;
    char quote = 0;
    int depth = 0;
    if (!close)
        return tide_sqlw_fail(e, "%s %s: cannot find its arguments in its definition (it must be a "
                              "CREATE FUNCTION, PROCEDURE or AGGREGATE statement)",
                              tide_object_kinds[o->kind].name, o->name);
    tide_sqlw_put(e, "(");
    for (a = p = open + 1; p <= close; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
        } else if (*p == '(') {
            depth++;
        } else if ((*p == ')' && depth-- == 0) || (*p == ',' && depth == 0)) {
            if (a > open + 1)
                tide_sqlw_put(e, ", ");
            put_arg(e, a, p);
            a = p + 1;
        }
    }
    tide_sqlw_put(e, ")");
    return e->rc;
}

/* ---- what each kind is called in SQL -------------------------------------- */

static const char *sql_kind(const tide_object *o)
{
    switch (o->kind) {
    case TIDE_OBJ_SEQUENCE: return "sequence";
    case TIDE_OBJ_FUNCTION: return pg_emit__is_procedure(o->definition ? o->definition : "")
                                   ? "procedure" : "function";
    case TIDE_OBJ_AGGREGATE: return "aggregate";
    case TIDE_OBJ_VIEW:     return "view";
    case TIDE_OBJ_MATVIEW:  return "materialized view";
    case TIDE_OBJ_MATVIEW_INDEX:
    case TIDE_OBJ_PARTITION_INDEX: return "index";
    case TIDE_OBJ_TRIGGER:  return "trigger";
    case TIDE_OBJ_RULE:     return "rule";
    case TIDE_OBJ_POLICY:   return "policy";
    case TIDE_OBJ_STATISTICS: return "statistics";
    case TIDE_OBJ_EXCLUSION:
    case TIDE_OBJ_PARTITION_CONSTRAINT: return "constraint";
    case TIDE_OBJ_PUBLICATION: return "publication";
    case TIDE_OBJ_EVENT_TRIGGER: return "event trigger";
    case TIDE_OBJ_FOREIGN_WRAPPER: return "foreign data wrapper";
    case TIDE_OBJ_FOREIGN_SERVER: return "server";
    case TIDE_OBJ_FOREIGN_TABLE: return "foreign table";
    default:                return NULL;
    }
}

/* A function's SQL name: an overloaded one is named "f(integer)" in the
 * model, its arguments being in its definition. */
static void function_name(tide_sqlw *e, const tide_object *o, const char *name)
{
    char bare[256];
    snprintf(bare, sizeof bare, "%.*s", (int)strcspn(name, "("), name);
    tide_sqlw_qname(e, o->schema, bare);
}

/* <kind> "schema"."name"[(args)] or <kind> "name" on "schema"."table". */
static void object_ref(tide_sqlw *e, const tide_object *o, const char *name)
{
    tide_sqlw_put(e, sql_kind(o));
    tide_sqlw_put(e, " ");
    if (o->table && o->kind != TIDE_OBJ_STATISTICS) {     /* statistics are named in their namespace */
        tide_sqlw_q(e, name);
        tide_sqlw_put(e, " on ");
        tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
        return;
    }
    if (o->kind == TIDE_OBJ_FUNCTION || o->kind == TIDE_OBJ_AGGREGATE) {
        function_name(e, o, name);           /* an aggregate's (x ORDER BY y) or (*) as well */
        pg_emit__signature(e, o);
        return;
    }
    tide_sqlw_qname(e, o->schema, name);
}

static void comment(tide_sqlw *e, const tide_object *o)
{
    tide_sqlw_put(e, "comment on ");
    object_ref(e, o, o->name);
    pg_emit__comment_is(e, o->comment);
}

static void or_replace(tide_sqlw *e, const char *def);

/* Is it a LANGUAGE sql function? PostgreSQL checks such a body when the
 * function is created, and functions come before the tables they may
 * read: the body is checked when it runs instead, as pg_dump does. */
static int sql_language(const char *def)
{
    const char *p;
    for (p = def; *p; p++) {
        const char *q = p + 8;
        if (!word_at(p, def, "language"))
            continue;
        while (isspace((unsigned char)*q) || *q == '\'')
            q++;
        if (word_at(q, q, "sql"))
            return 1;
    }
    return 0;
}

static void function_statement(tide_sqlw *e, const char *def, int replace)
{
    int unchecked = sql_language(def);
    if (unchecked) {
        tide_sqlw_put(e, "set check_function_bodies = off");
        tide_sqlw_stmt(e);
    }
    if (replace)
        or_replace(e, def);
    else
        tide_sqlw_put(e, def);
    tide_sqlw_stmt(e);
    if (unchecked) {
        tide_sqlw_put(e, "reset check_function_bodies");
        tide_sqlw_stmt(e);
    }
}

/* A CREATE FUNCTION statement as CREATE OR REPLACE. */
static void or_replace(tide_sqlw *e, const char *def)
{
    const char *p = def;
    while (isspace((unsigned char)*p))
        p++;
    if (word_at(p, p, "create")) {
        const char *q = p + 6;
        while (isspace((unsigned char)*q))
            q++;
        if (!word_at(q, q, "or")) {
            tide_sqlw_put(e, "create or replace ");
            tide_sqlw_put(e, q);
            return;
        }
    }
    tide_sqlw_put(e, def);
}


/* An object that is a constraint of its table: ALTER TABLE adds, renames and
 * drops it. */
static int is_constraint(const tide_object *o)
{
    return o->kind == TIDE_OBJ_EXCLUSION || o->kind == TIDE_OBJ_PARTITION_CONSTRAINT;
}

/* alter table "schema"."table" <verb>"name": a constraint of the table. */
static void constraint_of(tide_sqlw *e, const tide_object *o, const char *verb, const char *name)
{
    tide_sqlw_put(e, "alter table ");
    tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
    tide_sqlw_put(e, " ");
    tide_sqlw_put(e, verb);
    tide_sqlw_q(e, name);
}

/* A trigger's state (o->enabled): alter table T enable|disable ... trigger
 * N, or alter event trigger N enable|disable .... */
static void trigger_state(tide_sqlw *e, const tide_object *o)
{
    const char *how = !o->enabled ? "enable" : !strcmp(o->enabled, "disabled") ? "disable"
                      : !strcmp(o->enabled, "replica") ? "enable replica" : "enable always";
    if (o->kind == TIDE_OBJ_EVENT_TRIGGER) {
        tide_sqlw_put(e, "alter event trigger ");
        tide_sqlw_q(e, o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, how);
    } else {
        tide_sqlw_put(e, "alter table ");
        tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, how);
        tide_sqlw_put(e, " trigger ");
        tide_sqlw_q(e, o->name);
    }
    tide_sqlw_stmt(e);
}

static void create(tide_sqlw *e, const tide_object *o)
{
    switch (o->kind) {
    case TIDE_OBJ_FUNCTION:
        function_statement(e, o->definition, 0);
        if (o->comment)
            comment(e, o);
        return;
    case TIDE_OBJ_SEQUENCE:
        tide_sqlw_put(e, "create sequence ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        break;
    case TIDE_OBJ_VIEW:
    case TIDE_OBJ_MATVIEW:
        tide_sqlw_put(e, o->kind == TIDE_OBJ_VIEW ? "create view " : "create materialized view ");
        tide_sqlw_qname(e, o->schema, o->name);
        if (o->with) {           /* security_barrier, security_invoker; a matview's storage */
            tide_sqlw_put(e, " with (");
            tide_sqlw_put(e, o->with);
            tide_sqlw_put(e, ")");
        }
        tide_sqlw_put(e, " as\n");
        tide_sqlw_put(e, o->definition);
        if (o->kind == TIDE_OBJ_MATVIEW)
            tide_sqlw_put(e, "\nwith data");
        break;
    case TIDE_OBJ_EVENT_TRIGGER:
    case TIDE_OBJ_FOREIGN_WRAPPER:
    case TIDE_OBJ_FOREIGN_SERVER:
    case TIDE_OBJ_FOREIGN_TABLE:          /* create <kind> name <what follows the name> */
        tide_sqlw_put(e, "create ");
        object_ref(e, o, o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        break;
    case TIDE_OBJ_PUBLICATION:
        tide_sqlw_put(e, "create publication ");
        tide_sqlw_q(e, o->name);
        if (o->definition && *o->definition)
            tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition ? o->definition : "");
        break;
    case TIDE_OBJ_EXCLUSION:
    case TIDE_OBJ_PARTITION_CONSTRAINT:
        constraint_of(e, o, "add constraint ", o->name);
        tide_sqlw_put(e, " ");
        tide_sqlw_put(e, o->definition);
        break;
    default:                     /* the whole statement */
        tide_sqlw_put(e, o->definition);
        break;
    }
    tide_sqlw_stmt(e);
    if ((o->kind == TIDE_OBJ_TRIGGER || o->kind == TIDE_OBJ_EVENT_TRIGGER) && o->enabled)
        trigger_state(e, o);
    if (o->comment)
        comment(e, o);
}

void pg_emit__create_object(tide_sqlw *e, const tide_object *o)
{
    create(e, o);
}

static void rename_object(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    if (is_constraint(o)) {
        constraint_of(e, old, "rename constraint ", old->name);
        tide_sqlw_put(e, " to ");
        tide_sqlw_q(e, o->name);
        tide_sqlw_stmt(e);
        return;
    }
    tide_sqlw_put(e, "alter ");
    object_ref(e, old, old->name);
    tide_sqlw_put(e, " rename to ");
    if (o->kind == TIDE_OBJ_FUNCTION || o->kind == TIDE_OBJ_AGGREGATE) {
        char bare[256];
        snprintf(bare, sizeof bare, "%.*s", (int)strcspn(o->name, "("), o->name);
        tide_sqlw_q(e, bare);
    } else {
        tide_sqlw_q(e, o->name);
    }
    tide_sqlw_stmt(e);
}

/* What follows RETURNS, lowercased with single spaces, up to the next
 * clause: a changed result type cannot be CREATE OR REPLACEd. */
static void result_type(const char *def, tide_buf *out)
{
    static const char *const clauses[] = {
        "language", "as", "immutable", "stable", "volatile", "strict", "security", "cost", "rows",
        "parallel", "set", "window", "leakproof", "called", "support", "begin", "return", "not",
        "external", "transform", NULL
    };
    const char *open = args_open(def), *close = open ? tide_pg__paren_end(open) : NULL, *p;
    int i, in_result = 0;
    for (p = close ? close + 1 : ""; *p; p++) {
        if (!in_result && word_at(p, def, "returns")) {
            in_result = 1;
            p += 6;
            continue;
        }
        if (!in_result)
            continue;
        for (i = 0; clauses[i]; i++)
            if (word_at(p, def, clauses[i]))
                return;
        if (isspace((unsigned char)*p)) {
            if (out->len && out->data[out->len - 1] != ' ')
                tide_buf_putc(out, ' ');
        } else {
            tide_buf_putc(out, (char)tolower((unsigned char)*p));
        }
    }
}

/* How many arguments a "(...)" signature lists. */
static int nargs(const char *sig)
{
    int commas = 0, content = 0, depth = 0;
    char quote = 0;
    for (; sig && *sig; sig++) {
        if (quote) {
            if (*sig == quote)
                quote = 0;
            continue;
        }
        if (*sig == '(')
            depth++;
        else if (*sig == ')')
            depth--;
        else if (depth == 1 && *sig == ',')
            commas++;
        else if (depth == 1 && !isspace((unsigned char)*sig))
            content = 1;
        if (*sig == '\'' || *sig == '"')
            quote = *sig;
    }
    return content ? commas + 1 : 0;
}

/* The signatures of old and o, "(argument types)", written into a and
 * b (which the caller finishes). */
static void signatures(tide_sqlw *a, tide_sqlw *b, const tide_object *old, const tide_object *o,
                       tide_err *ignored)
{
    tide_sqlw_init(a, &tide_postgres_driver, NULL, NULL, ignored);
    tide_sqlw_init(b, &tide_postgres_driver, NULL, NULL, ignored);
    pg_emit__signature(a, old);
    pg_emit__signature(b, o);
}

/* Whether a function can be replaced in place: as many arguments (else
 * CREATE OR REPLACE makes an overload beside it) and the same result type
 * (aliases folded: "int" is integer). Spellings of the same types stay in
 * place, since dropping a function fails when triggers use it. */
static int replaceable(const tide_object *old, const tide_object *o)
{
    tide_sqlw a, b;
    tide_buf ra = TIDE_BUF_INIT, rb = TIDE_BUF_INIT, ca = TIDE_BUF_INIT, cb = TIDE_BUF_INIT;
    tide_err ignored;
    int same;
    signatures(&a, &b, old, o, &ignored);
    result_type(old->definition, &ra);
    result_type(o->definition, &rb);
    tide_model_canonical_type(ra.data ? ra.data : "", &ca);
    tide_model_canonical_type(rb.data ? rb.data : "", &cb);
    same = a.rc == 0 && b.rc == 0 && nargs(a.sql.data) == nargs(b.sql.data) &&
           !strcmp(ca.data ? ca.data : "", cb.data ? cb.data : "") &&
           pg_emit__is_procedure(old->definition) == pg_emit__is_procedure(o->definition);
    tide_sqlw_finish(&a);
    tide_sqlw_finish(&b);
    tide_buf_free(&ra);
    tide_buf_free(&rb);
    tide_buf_free(&ca);
    tide_buf_free(&cb);
    return same;
}

/* Whether an aggregate keeps its signature: CREATE OR REPLACE AGGREGATE
 * then changes it in place, and the views that use it stay. */
static int same_signature(const tide_object *old, const tide_object *o)
{
    tide_sqlw a, b;
    tide_err ignored;
    int same;
    signatures(&a, &b, old, o, &ignored);
    same = a.rc == 0 && b.rc == 0 && !strcasecmp(a.sql.data ? a.sql.data : "", b.sql.data ? b.sql.data : "");
    tide_sqlw_finish(&a);
    tide_sqlw_finish(&b);
    return same;
}

/* alter <what> o reset (the old options' names) and set (the new ones):
 * only the options changed, the view (the partition) stays, and so do what
 * reads it and its grants. with is "name=value, name=value". */
void pg_emit__options(tide_sqlw *e, const char *what, const tide_object *old, const tide_object *o)
{
    if (old->with && *old->with) {
        const char *p = old->with;
        int first = 1;
        tide_sqlw_put(e, "alter ");
        tide_sqlw_put(e, what);
        tide_sqlw_put(e, " ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " reset (");
        while (*p) {
            size_t n = strcspn(p, "=,");
            char key[128];
            while (*p == ' ') { p++; n--; }
            snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), p);
            tide_sqlw_put(e, first ? "" : ", ");
            tide_sqlw_put(e, key);
            first = 0;
            p += strcspn(p, ",");
            if (*p == ',')
                p++;
        }
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
    if (o->with && *o->with) {
        tide_sqlw_put(e, "alter ");
        tide_sqlw_put(e, what);
        tide_sqlw_put(e, " ");
        tide_sqlw_qname(e, o->schema, o->name);
        tide_sqlw_put(e, " set (");
        tide_sqlw_put(e, o->with);
        tide_sqlw_put(e, ")");
        tide_sqlw_stmt(e);
    }
}

static void alter_options(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    pg_emit__options(e, sql_kind(o), old, o);
}

/* ---- publications ------------------------------------------------------------ */

/* Where a publication's canonical definition says its options ("with
 * (publish..."), or NULL: the defaults. */
static const char *pub_options(const char *def)
{
    const char *with = NULL, *p;
    for (p = def; (p = strstr(p, "with (publish")) != NULL; p++)
        if (p == def || p[-1] == ' ')
            with = p;
    return with;
}

/* What it publishes: what follows FOR ("all tables", or its tables and
 * namespaces), *n long; NULL (and 0) when nothing. */
static const char *pub_parts(const char *def, size_t *n)
{
    const char *with = pub_options(def);
    *n = 0;
    if (strncmp(def, "for ", 4))
        return NULL;
    *n = (with ? (size_t)(with - def) - 1 : strlen(def)) - 4;
    return def + 4;
}

/* ALTER PUBLICATION ... SET what it publishes, and SET its options (each
 * said, so that one left out goes back to its default); a change to or
 * from all tables, or to or from none, makes it again. */
static void alter_publication(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    size_t na, nb;
    const char *a = pub_parts(old->definition, &na), *b = pub_parts(o->definition, &nb);
    const char *oa = pub_options(old->definition), *ob = pub_options(o->definition);
    int all_a = a && !strncmp(a, "all tables", na), all_b = b && !strncmp(b, "all tables", nb);
    if (all_a != all_b || !na != !nb) {
        tide_sqlw_put(e, "drop publication ");
        tide_sqlw_q(e, old->name);
        tide_sqlw_stmt(e);
        create(e, o);
        return;
    }
    if (na != nb || strncmp(a, b, na)) {
        tide_sqlw_put(e, "alter publication ");
        tide_sqlw_q(e, o->name);
        tide_sqlw_put(e, " set ");
        tide_sqlw_putn(e, b, nb);
        tide_sqlw_stmt(e);
    }
    if (!oa != !ob || (oa && strcmp(oa, ob))) {
        tide_sqlw_put(e, "alter publication ");
        tide_sqlw_q(e, o->name);
        tide_sqlw_put(e, " set (publish = '");
        if (ob && strstr(ob, "publish = '")) {
            const char *v = strstr(ob, "publish = '") + 11;
            tide_sqlw_putn(e, v, strcspn(v, "'"));
        } else {
            tide_sqlw_put(e, "insert, update, delete, truncate");
        }
        tide_sqlw_put(e, ob && strstr(ob, "publish_via_partition_root = true") ? "', publish_via_partition_root = true)"
                                                                            : "', publish_via_partition_root = false)");
        tide_sqlw_stmt(e);
    }
}

static void alter(tide_sqlw *e, const tide_object *old, const tide_object *o)
{
    if (o->kind == TIDE_OBJ_AGGREGATE) {
        if (!same_signature(old, o)) {
            tide_sqlw_put(e, "drop ");             /* other arguments: another aggregate */
            object_ref(e, old, old->name);
            tide_sqlw_stmt(e);
            tide_sqlw_put(e, o->definition);
        } else {
            or_replace(e, o->definition);
        }
        tide_sqlw_stmt(e);
        return;
    }
    if (o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW) {
        if (strcmp(old->with ? old->with : "", o->with ? o->with : ""))   /* else its column defaults */
            alter_options(e, old, o);
        return;
    }
    if (o->kind == TIDE_OBJ_PUBLICATION) {
        alter_publication(e, old, o);
        return;
    }
    if (o->kind == TIDE_OBJ_FOREIGN_WRAPPER || o->kind == TIDE_OBJ_FOREIGN_SERVER || o->kind == TIDE_OBJ_FOREIGN_TABLE) {
        pg_emit__foreign_alter(e, old, o);
        return;
    }
    if (o->kind == TIDE_OBJ_TRIGGER || o->kind == TIDE_OBJ_EVENT_TRIGGER) {   /* only its state changed */
        trigger_state(e, o);
        return;
    }
    if (o->kind == TIDE_OBJ_FUNCTION && !replaceable(old, o)) {
        tide_sqlw_put(e, "drop ");                 /* new arguments or result: a new function */
        object_ref(e, old, old->name);
        tide_sqlw_stmt(e);
        function_statement(e, o->definition, 0);
        return;
    }
    if (o->kind == TIDE_OBJ_SEQUENCE) {
        tide_buf qn = TIDE_BUF_INIT;
        if ((o->schema && (tide_postgres_driver.quote_ident(&qn, o->schema) < 0 || tide_buf_putc(&qn, '.') < 0)) ||
            tide_postgres_driver.quote_ident(&qn, o->name) < 0)
            e->rc = e->rc ? e->rc : TIDE_ENOMEM;
        pg_emit__alter_sequence(e, qn.data ? qn.data : "", NULL, o->definition);
        tide_buf_free(&qn);
    } else {
        function_statement(e, o->definition, 1);
    }
}

/* A sequence owner (OWNED BY a column of its table): ALTER SEQUENCE says it,
 * or OWNED BY NONE when it goes; a renamed sequence is owned again under
 * its new name (the owner is dropped and made). */
static void sequence_owner(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (op->kind == TIDE_OP_RENAME_OBJECT)
        return;
    if (op->kind == TIDE_OP_ALTER_OBJECT_COMMENT || (op->kind == TIDE_OP_CREATE_OBJECT && o->comment)) {
        tide_sqlw_fail(e, "sequence owner %s: an ownership has no comment of its own; comment the sequence "
                       "(t.sequence \"%s\" { comment = ... })", o->name, o->name);
        return;
    }
    tide_sqlw_put(e, "alter sequence ");
    tide_sqlw_qname(e, o->schema, o->name);
    if (op->kind == TIDE_OP_DROP_OBJECT) {
        tide_sqlw_put(e, " owned by none");
    } else {
        tide_sqlw_put(e, " owned by ");
        tide_sqlw_qname(e, tide_object_table_schema(o), o->table);
        tide_sqlw_put(e, ".");
        tide_sqlw_q(e, o->definition);
    }
    tide_sqlw_stmt(e);
}

/* Whether a composite type's attributes ("x integer, \"Y\" text") name
 * attribute col: the first word of an item between commas. */
static int has_attribute(const char *def, const char *col)
{
    const char *p = def ? def : "";
    size_t n = strlen(col);
    while (*p) {
        while (*p == ' ' || *p == '\n' || *p == '\t')
            p++;
        if (*p == '"' ? !strncmp(p + 1, col, n) && p[n + 1] == '"' : !strncmp(p, col, n) && (p[n] == ' ' || !p[n]))
            return 1;
        for (int depth = 0; *p && (depth || *p != ','); p++)
            depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* COMMENT ON COLUMN o.col IS text (NULL: null). */
static void column_comment(tide_sqlw *e, const tide_object *o, const char *col, const char *text)
{
    pg_emit__comment_on(e, "column", o->schema, o->name, col, text);
}

/* COMMENT ON COLUMN of an object's columns (a view's, a materialized
 * view's, a partition's, a composite type's): all of them when it is made;
 * when its comments change, those that differ, and null for those gone
 * (not for an attribute the type no longer has: it went with it). */
static void column_comments(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object, *old = op->old_object;
    int i, j;
    if (!o || (op->kind != TIDE_OP_CREATE_OBJECT && op->kind != TIDE_OP_ALTER_OBJECT_COMMENT))
        return;
    for (i = 0; i + 1 < o->ncolumn_comments; i += 2) {
        const char *before = NULL;
        for (j = 0; op->kind == TIDE_OP_ALTER_OBJECT_COMMENT && old && j + 1 < old->ncolumn_comments; j += 2)
            if (!strcmp(old->column_comments[j], o->column_comments[i]))
                before = old->column_comments[j + 1];
        if (!before || strcmp(before, o->column_comments[i + 1]))
            column_comment(e, o, o->column_comments[i], o->column_comments[i + 1]);
    }
    for (j = 0; op->kind == TIDE_OP_ALTER_OBJECT_COMMENT && old && j + 1 < old->ncolumn_comments; j += 2) {
        int kept = 0;
        for (i = 0; i + 1 < o->ncolumn_comments && !kept; i += 2)
            kept = !strcmp(old->column_comments[j], o->column_comments[i]);
        if (!kept && (o->kind != TIDE_OBJ_COMPOSITE || has_attribute(o->definition, old->column_comments[j])))
            column_comment(e, o, old->column_comments[j], NULL);
    }
}

/* ALTER VIEW o ALTER COLUMN col SET DEFAULT expr (NULL: DROP DEFAULT). */
static void column_default(tide_sqlw *e, const tide_object *o, const char *col, const char *expr)
{
    tide_sqlw_put(e, "alter view ");
    tide_sqlw_qname(e, o->schema, o->name);
    tide_sqlw_put(e, " alter column ");
    tide_sqlw_q(e, col);
    if (expr) {
        tide_sqlw_put(e, " set default ");
        tide_sqlw_put(e, expr);
    } else {
        tide_sqlw_put(e, " drop default");
    }
    tide_sqlw_stmt(e);
}

/* A view's column defaults: all of them when it is made (again: a view
 * dropped and made loses them); when they change (the view altered in
 * place), those that differ, and drop default for those gone. */
static void column_defaults(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object, *old = op->kind == TIDE_OP_ALTER_OBJECT ? op->old_object : NULL;
    int i, j;
    if (!o || o->kind != TIDE_OBJ_VIEW || (op->kind != TIDE_OP_CREATE_OBJECT && op->kind != TIDE_OP_ALTER_OBJECT))
        return;
    for (i = 0; i + 1 < o->ncolumn_defaults; i += 2) {
        const char *before = NULL;
        for (j = 0; old && j + 1 < old->ncolumn_defaults; j += 2)
            if (!strcmp(old->column_defaults[j], o->column_defaults[i]))
                before = old->column_defaults[j + 1];
        if (!before || strcmp(before, o->column_defaults[i + 1]))
            column_default(e, o, o->column_defaults[i], o->column_defaults[i + 1]);
    }
    for (j = 0; old && j + 1 < old->ncolumn_defaults; j += 2) {
        int kept = 0;
        for (i = 0; i + 1 < o->ncolumn_defaults && !kept; i += 2)
            kept = !strcmp(old->column_defaults[j], o->column_defaults[i]);
        if (!kept)
            column_default(e, o, old->column_defaults[j], NULL);
    }
}

static void object_sql(tide_sqlw *e, const tide_op *op);

/* The driver's SQL for a *_OBJECT operation. */
void pg_emit__object(tide_sqlw *e, const tide_op *op)
{
    object_sql(e, op);
    column_comments(e, op);
    column_defaults(e, op);
}

static void object_sql(tide_sqlw *e, const tide_op *op)
{
    const tide_object *o = op->object ? op->object : op->old_object;
    if (pg_emit__type_object(e, op) || pg_emit__partition(e, op) || pg_emit__operator_object(e, op))
        return;
    if (o->kind == TIDE_OBJ_SEQUENCE_OWNER) {
        sequence_owner(e, op);
        return;
    }
    if (!sql_kind(o)) {
        tide_sqlw_fail(e, "%s %s: PostgreSQL has no such object", tide_object_kinds[o->kind].name, o->name);
        return;
    }
    switch (op->kind) {
    case TIDE_OP_CREATE_OBJECT:
        create(e, op->object);
        break;
    case TIDE_OP_DROP_OBJECT:
        if (is_constraint(op->old_object)) {
            constraint_of(e, op->old_object, "drop constraint ", op->old_object->name);
            tide_sqlw_stmt(e);
            break;
        }
        tide_sqlw_put(e, "drop ");
        object_ref(e, op->old_object, op->old_object->name);
        tide_sqlw_stmt(e);
        break;
    case TIDE_OP_RENAME_OBJECT:
        rename_object(e, op->old_object, op->object);
        break;
    case TIDE_OP_ALTER_OBJECT:
        alter(e, op->old_object, op->object);
        break;
    case TIDE_OP_ALTER_OBJECT_COMMENT:
        comment(e, op->object);
        break;
    default:
        break;
    }
}
