/* canonical.c — the server's own spelling of definitions (the driver's
 * canonicalize). pg_get_viewdef, pg_get_functiondef and pg_get_triggerdef
 * rewrite what they are given, so text written by hand never equals what
 * introspection reads back. The definitions' tables and objects of the
 * default namespace are created in a scratch namespace inside a
 * transaction that is always rolled back, read back with introspection,
 * and each object's canonical form is set from what was read: the live
 * database is never changed, and nothing of the scratch namespace stays. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH "tide_canonical"

/* Kinds whose text the server rewrites (sequences: normalize does it). */
static int rewritten(const tide_object *o)
{
    return o->kind == TIDE_OBJ_DOMAIN || o->kind == TIDE_OBJ_COMPOSITE || o->kind == TIDE_OBJ_PARTITION ||
           o->kind == TIDE_OBJ_FUNCTION || o->kind == TIDE_OBJ_VIEW || o->kind == TIDE_OBJ_MATVIEW ||
           o->kind == TIDE_OBJ_MATVIEW_INDEX || o->kind == TIDE_OBJ_PARTITION_INDEX ||
           o->kind == TIDE_OBJ_PARTITION_CONSTRAINT ||
           o->kind == TIDE_OBJ_TRIGGER || o->kind == TIDE_OBJ_POLICY;
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

/* The definitions of the default namespace only (the scratch namespace
 * stands for it), finished. */
static int default_part(const tide_schema *s, tide_schema **out, tide_err *err)
{
    tide_schema *c = tide_schema_copy(s);
    int i, n = 0;
    if (!c)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < c->nobjects; i++)
        if (!c->objects[i].schema)
            c->objects[n++] = c->objects[i];
    c->nobjects = n;
    *out = c;
    if (tide_schema_finish(c, err) < 0)
        return err ? err->code : TIDE_ERROR;
    tide_schema_retain(c, in_default, enum_in_default, NULL);
    return 0;
}

/* Runs the statements of one op; a failure names the op. */
static int run_op(tide_dconn *c, const tide_plan *plan, int i, tide_err *err)
{
    tide_plan one = *plan;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_buf what = TIDE_BUF_INIT;
    int rc, j;
    one.ops = &plan->ops[i];
    one.n = 1;
    if ((rc = pg_emit(&one, &sql, err)) < 0)
        goto done;
    for (j = 0; j < sql.n && rc == 0; j++)
        if ((rc = tide_postgres_driver.script(c, sql.items[j], err)) < 0 && err) {
            char msg[sizeof err->msg];
            tide_op_describe(&plan->ops[i], &what);
            snprintf(msg, sizeof msg, "%s", err->msg);
            snprintf(err->msg, sizeof err->msg, "the definitions do not hold on PostgreSQL: %.100s: %.360s",
                     what.data ? what.data : "?", msg);
        }
done:
    tide_sql_list_free(&sql);
    tide_buf_free(&what);
    return rc;
}

/* text with "tide_canonical." made "public." (pg_get_functiondef always
 * names the namespace), canonicalised as finish does, into out. */
static int spelled(const char *text, tide_buf *tmp, tide_buf *out)
{
    const char *p = text, *hit;
    tide_buf_reset(tmp);
    while ((hit = strstr(p, SCRATCH ".")) != NULL) {
        if (tide_buf_add(tmp, p, (size_t)(hit - p)) < 0 || tide_buf_puts(tmp, "public.") < 0)
            return TIDE_ENOMEM;
        p = hit + strlen(SCRATCH ".");
    }
    if (tide_buf_puts(tmp, p) < 0)
        return TIDE_ENOMEM;
    tide_buf_reset(out);
    return tide_model_canonical_expr(tmp->data, out);
}

/* Sets s's objects' canonical from those read in the scratch namespace. */
static int take_canonical(tide_schema *s, const tide_schema *read, tide_err *err)
{
    tide_buf tmp = TIDE_BUF_INIT, out = TIDE_BUF_INIT;
    int i, rc = 0;
    for (i = 0; i < s->nobjects && rc == 0; i++) {
        tide_object *o = &s->objects[i];
        const tide_object *r;
        if (o->schema || !rewritten(o))
            continue;
        r = tide_schema_find_object(read, o->kind, SCRATCH, o->name, o->table);
        if (!r)
            continue;           /* a function overloaded, a name folded: compared as text */
        if (spelled(r->definition, &tmp, &out) < 0 || !(o->canonical = tide_schema_str(s, out.data)))
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    tide_buf_free(&tmp);
    tide_buf_free(&out);
    return rc;
}

/* Creates part in the scratch namespace and reads it back into read. */
static int create_and_read(tide_dconn *c, const tide_schema *part, tide_schema *read, tide_err *err)
{
    static const char *const scratch[] = { SCRATCH };
    tide_schema *empty = tide_schema_new();
    tide_introspect_opts opts;
    tide_plan plan;
    int rc, i;
    memset(&plan, 0, sizeof plan);
    memset(&opts, 0, sizeof opts);
    if (!empty || (rc = tide_schema_finish(empty, err)) < 0) {
        rc = empty ? rc : tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_postgres_driver.script(c, "CREATE SCHEMA " SCRATCH "; "
                                          "SELECT pg_catalog.set_config('search_path', '" SCRATCH
                                          ", ' || pg_catalog.current_setting('search_path'), true)",
                                          err)) < 0 ||
        (rc = tide_diff(empty, part, NULL, &plan, NULL, err)) < 0)
        goto done;
    for (i = 0; i < plan.n && rc == 0; i++)
        if (plan.ops[i].kind != TIDE_OP_CREATE_NAMESPACE)
            rc = run_op(c, &plan, i, err);
    opts.schemas = scratch;
    opts.nschemas = 1;
    if (rc == 0)
        rc = pg_introspect(c, &opts, read, err);
    if (rc == 0)
        rc = tide_schema_finish(read, err);
done:
    tide_plan_free(&plan);
    tide_schema_free(empty);
    return rc;
}

int pg_canonicalize(tide_dconn *c, tide_schema *s, tide_err *err)
{
    tide_schema *part = NULL, *read = NULL;
    tide_err ignored;
    int i, rc, any = 0;
    for (i = 0; i < s->nobjects; i++)
        any |= !s->objects[i].schema && rewritten(&s->objects[i]);
    if (!any)
        return 0;                        /* no transaction for nothing */
    if ((rc = default_part(s, &part, err)) < 0)
        goto done;
    if (!(read = tide_schema_new())) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_postgres_driver.begin(c, err)) < 0)
        goto done;
    rc = create_and_read(c, part, read, err);
    tide_postgres_driver.rollback(c, &ignored);       /* always: nothing stays */
    if (rc == 0)
        rc = take_canonical(s, read, err);
done:
    tide_schema_free(part);
    tide_schema_free(read);
    return rc;
}
