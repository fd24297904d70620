/* schemagen.c — the schema generator (SPEC 3, schema:*): the definitions
 * straight to a database, without migrations. create: nothing -> the
 * definitions; update: the live database -> the definitions; drop: the
 * definitions' objects -> nothing, touching no other object; and the SQL
 * executor they share (one transaction, foreign keys off around it). */
#include "schema/schema.h"
#include "db/driver.h"
#include "model/snapshot.h"
#include "db/url.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the live schema, limited to what tide covers ---------------------- */

/* How many namespaces s names, with repeats: one per table, enum, object
 * and listed namespace; namespace_at(s, i) is the i-th (NULL: the default). */
static int namespace_count(const tide_schema *s)
{
    return s ? s->ntables + s->nenums + s->nobjects + s->nnamespaces : 0;
}

static const char *namespace_at(const tide_schema *s, int i)
{
    if (i < s->ntables)
        return s->tables[i]->schema;
    if ((i -= s->ntables) < s->nenums)
        return s->enums[i].schema;
    if ((i -= s->nenums) < s->nobjects)
        return s->objects[i].schema;
    return s->namespaces[i - s->nobjects];
}

int tide__covered_namespaces(const tide_schema *a, const tide_schema *b, const char ***names, int *n)
{
    const tide_schema *both[2] = { a, b };
    int i, j, k;
    if (!(*names = malloc(sizeof **names * (size_t)(1 + namespace_count(a) + namespace_count(b)))))
        return TIDE_ENOMEM;
    (*names)[0] = "public";
    *n = 1;
    for (k = 0; k < 2; k++)
        for (i = 0; i < namespace_count(both[k]); i++) {
            const char *ns = namespace_at(both[k], i);
            for (j = 0; ns && j < *n && strcmp((*names)[j], ns); j++)
                ;
            if (ns && j == *n)
                (*names)[(*n)++] = ns;
        }
    return 0;
}

/* The live tables and enums of the namespaces a and b use; the tracking
 * table is left out. */
static int live_schema(tide *t, const tide_schema *a, const tide_schema *b, tide_schema **out, tide_err *err)
{
    const char **names = NULL;
    int rc, n = 0;
    *out = NULL;
    if (tide__covered_namespaces(a, b, &names, &n) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    rc = tide__live_schema(t, names, n, out, err);
    free(names);
    if (rc == 0)
        tide__report_unmodelled(t, *out);
    return rc;
}

static int in_only_table(const tide_table *x, void *ns)
{
    return !strcmp(x->schema ? x->schema : "public", ns);
}

static int in_only_enum(const tide_enum *x, void *ns)
{
    return !strcmp(x->schema ? x->schema : "public", ns);
}

void tide__limit_schema(tide *t, tide_schema *s)
{
    int i, n = 0;
    if (!t->only_schema || !s)
        return;
    tide_schema_retain(s, in_only_table, in_only_enum, t->only_schema);
    for (i = 0; i < s->nnamespaces; i++)
        if (!strcmp(s->namespaces[i], t->only_schema))
            s->namespaces[n++] = s->namespaces[i];
    s->nnamespaces = n;
}

static int in_defs_table(const tide_table *lt, void *defs)
{
    return tide_schema_find_table(defs, lt->schema, lt->name) != NULL;
}

static int in_defs_enum(const tide_enum *le, void *defs)
{
    return tide_schema_find_enum(defs, le->schema, le->name) != NULL;
}

/* Keeps the objects of live that defs has (retain keeps an object that
 * reads no table, such as a function: schema:drop must leave alone those
 * the definitions do not describe), and the namespaces defs declares. */
static void retain_defs_objects(tide_schema *live, const tide_schema *defs)
{
    int i, j, n = 0;
    for (i = 0; i < live->nobjects; i++) {
        const tide_object *o = &live->objects[i];
        if (tide_schema_find_object(defs, o->kind, o->schema, o->name, o->table))
            live->objects[n++] = *o;
    }
    live->nobjects = n;
    for (i = n = 0; i < live->nnamespaces; i++)
        for (j = 0; j < defs->nnamespaces; j++)
            if (!strcmp(live->namespaces[i], defs->namespaces[j])) {
                live->namespaces[n++] = live->namespaces[i];
                break;
            }
    live->nnamespaces = n;
}

/* ---- the actions ----------------------------------------------------------- */

/* The two schemas an action compares, and its plan's SQL in *sql. */
static int action_sql(tide *t, tide_schema_action action, const tide_schema_options *o,
                      tide_sql_list *sql, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_schema *defs = NULL, *live = NULL, *empty = NULL;
    tide_diff_opts d;
    tide_plan plan;
    int rc, i;
    memset(&plan, 0, sizeof plan);
    memset(&d, 0, sizeof d);
    d.safe = o && o->safe;
    d.keep_tables = (o && o->no_drop_tables) || !t->mc->drop_tables;
    d.no_drop = t->no_drop && action != TIDE_SCHEMA_DROP;
    d.no_comments = !tide_driver_can(drv, TIDE_CAP_COMMENTS);
    d.column_rebuild = tide__column_rebuild(t, drv);
    if ((rc = tide__load_definitions(t, &defs, err)) < 0)
        goto done;
    if (!(empty = tide_schema_new()) || (rc = tide_schema_finish(empty, err)) < 0) {
        rc = rc < 0 ? rc : tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if (action != TIDE_SCHEMA_CREATE && (rc = live_schema(t, defs, NULL, &live, err)) < 0)
        goto done;
    if (action == TIDE_SCHEMA_UPDATE && (rc = tide__server_canonical(t->conn, defs, err)) < 0)
        goto done;                             /* compared with the live database */
    tide__limit_schema(t, defs);               /* --schema */
    tide__limit_schema(t, live);
    if (action == TIDE_SCHEMA_DROP) {         /* only what the definitions describe */
        tide_schema_retain(live, in_defs_table, in_defs_enum, defs);
        retain_defs_objects(live, defs);
    }
    d.loose_exprs = action == TIDE_SCHEMA_UPDATE;
    if (action == TIDE_SCHEMA_CREATE)
        rc = tide_diff(empty, defs, &d, &plan, NULL, err);
    else if (action == TIDE_SCHEMA_UPDATE)
        rc = tide_diff(live, defs, &d, &plan, NULL, err);
    else
        rc = tide_diff(live, empty, &d, &plan, NULL, err);
    if (rc == 0)
        rc = drv->emit(&plan, sql, err);
    for (i = 0; rc == 0 && i < plan.nwarnings; i++)
        tide__emit(t, TIDE_EV_WARNING, NULL, plan.warnings[i], 0, 0);
done:
    tide_plan_free(&plan);
    tide_schema_free(defs);
    tide_schema_free(live);
    tide_schema_free(empty);
    return rc;
}

int tide_schema_sql(tide *t, tide_schema_action action, const tide_schema_options *o, char **sql_out,
                    tide_err *err)
{
    tide_sql_list sql = { NULL, NULL, 0 };
    int rc;
    *sql_out = NULL;
    if ((rc = action_sql(t, action, o, &sql, err)) == 0)
        rc = tide__sql_text(&sql, sql_out, err);
    tide_sql_list_free(&sql);
    return rc;
}

int tide_schema_run(tide *t, tide_schema_action action, const tide_schema_options *o, tide_err *err)
{
    tide_sql_list sql = { NULL, NULL, 0 };
    int rc;
    if ((rc = action_sql(t, action, o, &sql, err)) == 0)
        rc = tide__run_sql(t, &sql, err);
    tide_sql_list_free(&sql);
    return rc;
}

static int in_either_table(const tide_table *lt, void *ud)
{
    const tide_schema *const *known = ud;
    return (known[0] && tide_schema_find_table(known[0], lt->schema, lt->name)) ||
           (known[1] && tide_schema_find_table(known[1], lt->schema, lt->name));
}

/* delete from <tracking> where "module" = '<module>' */
static int forget_module(const tide_driver *drv, tide *t, tide_buf *out)
{
    tide_value v;
    memset(&v, 0, sizeof v);
    v.type = TIDE_V_TEXT;
    v.u.s.p = t->module;
    v.u.s.len = strlen(t->module);
    if (tide_buf_printf(out, "delete from %s where \"module\" = ", t->table) < 0)
        return TIDE_ENOMEM;
    return drv->quote_literal(out, &v);
}

/* Everything of the covered namespaces goes, then the tracking table. */
int tide__drop_all(tide *t, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_schema *defs = NULL, *snap = NULL, *live = NULL, *empty = NULL;
    tide_buf path = TIDE_BUF_INIT, drop = TIDE_BUF_INIT;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_plan plan;
    tide_err ignored;
    int rc;
    memset(&plan, 0, sizeof plan);
    if (tide__load_definitions(t, &defs, &ignored) < 0)
        defs = NULL;                     /* a project may have no definitions */
    if (tide__snapshot_path(t, &path, &ignored) == 0 && access(path.data, F_OK) == 0 &&
        tide_snapshot_read(&snap, path.data, &ignored) < 0)
        snap = NULL;
    if ((rc = live_schema(t, defs, snap, &live, err)) < 0)
        goto done;
    if (t->module[0]) {                  /* a module: its own tables, not its neighbours' */
        struct { const tide_schema *a, *b; } known = { defs, snap };
        tide_schema_retain(live, in_either_table, NULL, &known);
    }
    live->nnamespaces = 0;               /* what is in them goes, the namespaces stay */
    if (!(empty = tide_schema_new()) || (rc = tide_schema_finish(empty, err)) < 0) {
        rc = rc < 0 ? rc : tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_diff(live, empty, NULL, &plan, NULL, err)) < 0 || (rc = drv->emit(&plan, &sql, err)) < 0)
        goto done;
    /* the tracking table is shared by the modules: a module only forgets its rows */
    if (t->module[0] && (rc = tide_tracking__ensure(t, err)) < 0)
        goto done;
    if ((t->module[0] ? forget_module(drv, t, &drop) : tide_buf_printf(&drop, "drop table if exists %s", t->table)) < 0 ||
        tide_sql_list_push(&sql, drop.data, drop.len, err) < 0) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    rc = tide__run_sql(t, &sql, err);
done:
    tide_sql_list_free(&sql);
    tide_plan_free(&plan);
    tide_schema_free(defs);
    tide_schema_free(snap);
    tide_schema_free(live);
    tide_schema_free(empty);
    tide_buf_free(&path);
    tide_buf_free(&drop);
    return rc;
}

/* ---- schema:diff ------------------------------------------------------------ */

/* One side of schema:diff: a database URL (read whole), a snapshot file, or
 * "definitions". A URL leaves its connection open in *conn. */
typedef struct side {
    tide_schema *schema;
    tide_conn *conn;
    int live;
} side;

/* A scheme some driver speaks, written the way that driver's URLs read. */
static int is_url(const char *s)
{
    size_t n = strcspn(s, ":");
    const tide_driver *drv = s[n] ? tide_driver_for_scheme(s, n) : NULL;
    return drv && (drv->url_form != TIDE_URL_SERVER || !strncmp(s + n, "://", 3));
}

static int load_side(tide *t, const char *src, side *out, tide_err *err)
{
    const char *exclude[2];
    const tide_driver *drv;
    tide_introspect_opts o;
    int rc;
    memset(out, 0, sizeof *out);
    if (!strcmp(src, "definitions"))
        return tide__load_definitions(t, &out->schema, err);
    if (!is_url(src)) {
        if (access(src, F_OK) != 0)
            return tide_err_set(err, TIDE_EIO, "'%s' is neither a database URL, a snapshot file nor "
                                "the word definitions", src);
        return tide_snapshot_read(&out->schema, src, err);
    }
    if ((rc = tide_conn_open(&out->conn, src, err)) < 0)
        return rc;
    out->live = 1;
    drv = tide_conn__driver(out->conn);
    if (!(out->schema = tide_schema_new()))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memset(&o, 0, sizeof o);
    o.all_schemas = 1;
    exclude[0] = t->mc->table_name;        /* tide's own tables are no part of a schema */
    exclude[1] = t->lease_name;
    o.exclude = exclude;
    o.nexclude = 2;
    if (!drv->introspect)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot read a live schema", drv->name);
    if ((rc = drv->introspect(tide_conn__dconn(out->conn), &o, out->schema, err)) < 0 ||
        (rc = tide_schema_finish(out->schema, err)) < 0)
        return rc;
    tide__report_unmodelled(t, out->schema);
    return 0;
}

static void free_side(side *s)
{
    tide_schema_free(s->schema);
    tide_conn_close(s->conn);
}

/* Runs plan on conn. Where a value added to an enum cannot be used before
 * its transaction commits (TIDE_CAP_ENUM_VALUE_COMMIT), the additions run
 * first, in a transaction of their own, then the rest: a check, a default
 * or a column converted may name the new value. */
static int run_plan(tide *t, tide_conn *conn, const tide_driver *drv, const tide_plan *plan,
                    const tide_sql_list *sql, tide_err *err)
{
    tide_plan adds, rest;
    tide_sql_list adds_sql = { NULL, NULL, 0 }, rest_sql = { NULL, NULL, 0 };
    int rc = tide__split_enum_adds(drv, plan, &adds, &rest, err);
    if (rc <= 0)
        return rc < 0 ? rc : tide__run_sql_on(t, conn, sql, err);
    if ((rc = drv->emit(&adds, &adds_sql, err)) == 0 && (rc = drv->emit(&rest, &rest_sql, err)) == 0 &&
        (rc = tide__run_sql_on(t, conn, &adds_sql, err)) == 0)
        rc = tide__run_sql_on(t, conn, &rest_sql, err);
    tide_sql_list_free(&adds_sql);
    tide_sql_list_free(&rest_sql);
    free(adds.ops);
    free(rest.ops);
    return rc;
}

int tide_schema_diff(tide *t, const char *from, const char *to, int run, char **sql_out, tide_err *err)
{
    side a, b;
    const tide_driver *drv;
    tide_diff_opts d;
    tide_plan plan;
    tide_sql_list sql = { NULL, NULL, 0 };
    int rc, i;
    memset(&plan, 0, sizeof plan);
    memset(&b, 0, sizeof b);
    if (sql_out)
        *sql_out = NULL;
    if ((rc = load_side(t, from, &a, err)) < 0 || (rc = load_side(t, to, &b, err)) < 0)
        goto done;
    /* definitions or a snapshot against a database: in the server's spelling */
    if ((a.live && !b.live && (rc = tide__server_canonical(a.conn, b.schema, err)) < 0) ||
        (b.live && !a.live && (rc = tide__server_canonical(b.conn, a.schema, err)) < 0))
        goto done;
    tide__limit_schema(t, a.schema);
    tide__limit_schema(t, b.schema);
    if (run && !a.conn) {
        rc = tide_err_set(err, TIDE_EINVAL, "--run applies the SQL to --from, which must then be a database URL");
        goto done;
    }
    /* the SQL is for the database it would run on: --from, else --to, else the project's */
    drv = tide_conn__driver(a.conn ? a.conn : b.conn ? b.conn : t->conn);
    memset(&d, 0, sizeof d);
    d.loose_exprs = a.live != b.live;      /* two live databases spell expressions alike */
    d.no_comments = !tide_driver_can(drv, TIDE_CAP_COMMENTS);
    d.no_drop = t->no_drop;
    d.column_rebuild = tide__column_rebuild(t, drv);
    if ((rc = tide_diff(a.schema, b.schema, &d, &plan, NULL, err)) < 0 || (rc = drv->emit(&plan, &sql, err)) < 0)
        goto done;
    for (i = 0; i < plan.nwarnings; i++)
        tide__emit(t, TIDE_EV_WARNING, NULL, plan.warnings[i], 0, 0);
    if (run)
        rc = run_plan(t, a.conn, drv, &plan, &sql, err);
    else if (sql_out)
        rc = tide__sql_text(&sql, sql_out, err);
done:
    tide_sql_list_free(&sql);
    tide_plan_free(&plan);
    free_side(&a);
    free_side(&b);
    return rc;
}

/* ---- clearDatabase ---------------------------------------------------------- */

/* Does any table of s still in `left` reference t (other than itself)? */
static int referenced(const tide_schema *s, const char *left, const tide_table *t)
{
    int i, j;
    for (i = 0; i < s->ntables; i++)
        for (j = 0; left[i] && s->tables[i] != t && j < s->tables[i]->nfks; j++) {
            const tide_fk *fk = &s->tables[i]->fks[j];
            if (!strcmp(fk->ref_table, t->name) && !strcmp(fk->ref_schema ? fk->ref_schema : "",
                                                          t->schema ? t->schema : ""))
                return 1;
        }
    return 0;
}

static int push_delete(const tide_driver *drv, const tide_table *tb, tide_buf *stmt, tide_sql_list *sql,
                       tide_err *err)
{
    tide_buf_reset(stmt);
    if (tide_buf_puts(stmt, "delete from ") < 0 ||
        (tb->schema && (drv->quote_ident(stmt, tb->schema) < 0 || tide_buf_putc(stmt, '.') < 0)) ||
        drv->quote_ident(stmt, tb->name) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    return tide_sql_list_push(sql, stmt->data, stmt->len, err);
}

int tide_clear_database(tide *t, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_schema *defs = NULL;
    tide_sql_list sql = { NULL, NULL, 0 };
    tide_buf stmt = TIDE_BUF_INIT;
    char *left = NULL;
    int rc, i, n, progress = 1;
    if ((rc = tide__load_definitions(t, &defs, err)) < 0)
        return rc;
    n = defs->ntables;
    if (!(left = malloc((size_t)n + 1))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    memset(left, 1, (size_t)n + 1);
    while (progress && rc == 0) {          /* children before the tables they reference */
        progress = 0;
        for (i = 0; i < n && rc == 0; i++) {
            const tide_table *tb = defs->tables[i];
            if (!left[i] || referenced(defs, left, tb))
                continue;
            rc = push_delete(drv, tb, &stmt, &sql, err);
            left[i] = 0;
            progress = 1;
        }
    }
    for (i = 0; i < n && rc == 0; i++)     /* a cycle of references: foreign key checks decide */
        if (left[i])
            rc = push_delete(drv, defs->tables[i], &stmt, &sql, err);
    if (rc == 0)
        rc = tide__run_sql(t, &sql, err);
done:
    free(left);
    tide_buf_free(&stmt);
    tide_sql_list_free(&sql);
    tide_schema_free(defs);
    return rc;
}

int tide_refresh_database(tide *t, tide_err *err)
{
    int rc = tide__drop_all(t, err);
    return rc < 0 ? rc : tide_schema_run(t, TIDE_SCHEMA_CREATE, NULL, err);
}

/* ---- migration:fresh -------------------------------------------------- */

int tide_fresh(tide *t, int seed, const char *seeder, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT;
    int rc;
    if (seed) {     /* a missing seeder is reported before anything is dropped */
        rc = tide__seeder_file(t, tide_seeder_name(t, seeder), &path, err);
        tide_buf_free(&path);
        if (rc < 0)
            return rc;
    }
    if ((rc = tide__drop_all(t, err)) < 0 || (rc = tide_up(t, NULL, NULL, err)) < 0)
        return rc;
    return seed ? tide_seed(t, seeder, err) : 0;
}
