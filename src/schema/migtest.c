/* migtest.c — migration:test: on a scratch database made for the purpose
 * (a temporary SQLite file, or a PostgreSQL database created and dropped),
 * every migration up one at a time, the result against the snapshot, every
 * one down again (each down must give back the schema from before its up),
 * then all up again. Each problem names the migration it comes from; the
 * configured database is never touched. */
#include "schema/schema.h"
#include "lua/runtime.h"
#include "model/diff.h"
#include "model/snapshot.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct tester {
    tide *t;                  /* the project; its database is only read for the URL */
    tide *s;                  /* the same project on the scratch database */
    tide_test_report *r;
    tide_status_list all;     /* every migration, in order */
    tide_schema **states;     /* states[i]: the schema after the first i migrations */
    int applied;              /* how many went up the first time */
    char **seen;              /* differences reported already (a leftover once) */
    int nseen;
} tester;

/* ---- the report -------------------------------------------------------- */

void tide_test_report_free(tide_test_report *r)
{
    int i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++) {
        free(r->items[i].migration);
        free(r->items[i].step);
        free(r->items[i].message);
    }
    free(r->items);
    free(r->scratch);
    memset(r, 0, sizeof *r);
}

static int problem(tester *x, const char *migration, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int problem(tester *x, const char *migration, const char *step, const char *fmt, ...)
{
    tide_test_report *r = x->r;
    tide_test_problem *grown = realloc(r->items, sizeof *grown * (size_t)(r->n + 1)), *p;
    char msg[1024];
    va_list ap;
    if (!grown)
        return TIDE_ENOMEM;
    r->items = grown;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p = &r->items[r->n];
    p->migration = migration ? tide_strdup(migration) : NULL;
    p->step = tide_strdup(step);
    p->message = tide_strdup(msg);
    r->n++;
    return (migration && !p->migration) || !p->step || !p->message ? TIDE_ENOMEM : 0;
}

/* 1 when line was reported before; remembers it otherwise. */
static int reported(tester *x, const char *line)
{
    char **grown;
    int i;
    for (i = 0; i < x->nseen; i++)
        if (!strcmp(x->seen[i], line))
            return 1;
    if ((grown = realloc(x->seen, sizeof *grown * (size_t)(x->nseen + 1))) != NULL) {
        x->seen = grown;
        if ((grown[x->nseen] = tide_strdup(line)) != NULL)
            x->nseen++;
    }
    return 0;
}

/* ---- the scratch database ----------------------------------------------- */

/* A new database from the configured one's driver (a temporary SQLite
 * file, a PostgreSQL database next to the configured one), as a URL in *url. */
static int scratch_create(tide *t, tide_buf *url, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    if (drv->version < 7 || !drv->scratch_database)
        return tide_err_set(err, TIDE_EINVAL, "migration:test cannot make a scratch database with "
                            "the %s driver", drv->name);
    return drv->scratch_database(t->cfg.url, url, err);
}

/* The project's configuration without what belongs to its own database:
 * [-1, +1, m] (the table m.config is) */
static int scratch_config_p(lua_State *L)
{
    static const char *const dropped[] = { "url", "urlSource", "file", "verbose", NULL };
    int i;
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, 2);
    }
    for (i = 0; dropped[i]; i++) {
        lua_pushnil(L);
        lua_setfield(L, 2, dropped[i]);
    }
    return 1;
}

/* The project (its configuration, module, Lua state) on the scratch database. */
static int scratch_open(tester *x, const char *url, tide_err *err)
{
    lua_State *L = x->t->L;
    int top = lua_gettop(L), rc;
    tide_options o;
    memset(&o, 0, sizeof o);
    o.L = L;
    o.url = url;
    o.module = x->t->module[0] ? x->t->module : NULL;
    o.verbose = x->t->verbose;
    lua_pushcfunction(L, scratch_config_p);
    lua_rawgeti(L, LUA_REGISTRYINDEX, x->t->config_ref);
    if ((rc = tide_runtime_pcall(L, 1, 1, err)) == 0)
        rc = tide__open(&x->s, &o, 0, lua_gettop(L), 0, err);
    lua_settop(L, top);
    return rc;
}

/* ---- schemas ---------------------------------------------------------- */

static int live_schema(tester *x, tide_schema **out, tide_err *err)
{
    char *json = NULL;
    int rc;
    *out = NULL;
    if ((rc = tide_inspect(x->s, &json, err)) == 0)
        rc = tide_snapshot_parse(out, json, strlen(json), "the scratch database", err);
    free(json);
    return rc;
}

/* The operations turning from into to; loose when one side is a snapshot. */
static int compare(tester *x, const tide_schema *from, const tide_schema *to, int loose, tide_plan *plan,
                   tide_err *err)
{
    tide_diff_opts o;
    memset(&o, 0, sizeof o);
    memset(plan, 0, sizeof *plan);
    o.loose_exprs = loose;
    o.no_comments = !tide_driver_can(tide_conn__driver(x->t->conn), TIDE_CAP_COMMENTS);
    return tide_diff(from, to, &o, plan, NULL, err);
}

/* The table or enum an operation is about, as "schema.name" or "name". */
static void op_object(const tide_op *op, char *out, size_t cap)
{
    const tide_table *tb = op->table ? op->table : op->old_table;
    const tide_enum *en = op->enumt ? op->enumt : op->old_enum;
    const char *schema = tb ? tb->schema : en ? en->schema : NULL;
    const char *name = tb ? tb->name : en ? en->name : op->namespace_name ? op->namespace_name : "";
    snprintf(out, cap, "%s%s%s", schema ? schema : "", schema ? "." : "", name);
}

/* The last migration (of the first x->applied) that changed object, or NULL. */
static const char *last_changed(tester *x, const char *object)
{
    char other[300];
    int i, j, hit;
    for (i = x->applied - 1; i >= 0; i--) {
        tide_plan plan;
        tide_err ignored;
        if (compare(x, x->states[i], x->states[i + 1], 0, &plan, &ignored) < 0)
            continue;
        for (hit = 0, j = 0; j < plan.n && !hit; j++) {
            op_object(&plan.ops[j], other, sizeof other);
            hit = !strcmp(other, object);
        }
        tide_plan_free(&plan);
        if (hit)
            return x->all.items[i].name;
    }
    return NULL;
}

/* Each difference between expected and the live scratch schema becomes a
 * problem of migration (once per difference over the whole test). */
static int differences(tester *x, const tide_schema *expected, const char *migration, const char *step,
                       const char *what, tide_err *err)
{
    tide_schema *live;
    tide_plan plan;
    tide_buf line = TIDE_BUF_INIT;
    int rc, i;
    if ((rc = live_schema(x, &live, err)) < 0)
        return rc;
    if ((rc = compare(x, expected, live, 0, &plan, err)) == 0) {
        for (i = 0; i < plan.n && rc == 0; i++) {
            tide_buf_reset(&line);
            if (tide_op_describe(&plan.ops[i], &line) < 0)
                rc = TIDE_ENOMEM;
            else if (!reported(x, line.data))
                rc = problem(x, migration, step, "%s: %s", what, line.data);
        }
        tide_plan_free(&plan);
    }
    tide_buf_free(&line);
    tide_schema_free(live);
    return rc == TIDE_ENOMEM ? tide_err_set(err, rc, "out of memory") : rc;
}

/* ---- the steps ---------------------------------------------------------- */

/* Runs up to and including migration i; a failure is a problem of i. */
static int up_one(tester *x, int i, const char *step, int *ok, tide_err *err)
{
    tide_run_options ro;
    tide_err e, ignored;
    memset(&ro, 0, sizeof ro);
    ro.to = x->all.items[i].name;
    tide_err_clear(&e);
    *ok = tide_up(x->s, &ro, NULL, &e) == 0;
    if (*ok)
        return 0;
    tide_resolve(x->s, ro.to, 0, &ignored);     /* a transactional = false one stays 'running' */
    (void)err;
    return problem(x, ro.to, step, "%s", e.msg);
}

static int first_ups(tester *x, tide_err *err)
{
    int i, rc = 0, ok = 1;
    for (i = 0; i < x->all.n && rc == 0 && ok; i++) {
        if ((rc = up_one(x, i, "up", &ok, err)) == 0 && ok &&
            (rc = live_schema(x, &x->states[i + 1], err)) == 0)
            x->applied = i + 1;
    }
    return rc;
}

static int against_snapshot(tester *x, tide_err *err)
{
    tide_buf path = TIDE_BUF_INIT, line = TIDE_BUF_INIT;
    tide_schema *snap = NULL;
    tide_plan plan;
    char object[300];
    int rc, i;
    memset(&plan, 0, sizeof plan);
    if ((rc = tide__snapshot_path(x->t, &path, err)) < 0 || access(path.data, F_OK) != 0)
        goto done;
    x->r->snapshot_checked = 1;
    if ((rc = tide_snapshot_read(&snap, path.data, err)) < 0 ||
        (rc = compare(x, snap, x->states[x->applied], 1, &plan, err)) < 0)
        goto done;
    for (i = 0; i < plan.n && rc == 0; i++) {
        const char *by;
        tide_buf_reset(&line);
        op_object(&plan.ops[i], object, sizeof object);
        by = last_changed(x, object);
        if (tide_op_describe(&plan.ops[i], &line) < 0)
            rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        else
            rc = problem(x, by, "snapshot", "the schema after every up differs from the snapshot %s; "
                         "from the snapshot to the migrations: %s%s", path.data, line.data,
                         by ? "" : " (no migration changes it)");
    }
done:
    tide_plan_free(&plan);
    tide_schema_free(snap);
    tide_buf_free(&path);
    tide_buf_free(&line);
    return rc;
}

/* Down one at a time; after each, the schema from before its up. Returns
 * 0 with *all_down set when every down ran. */
static int downs(tester *x, int *all_down, tide_err *err)
{
    int i, rc = 0;
    *all_down = 0;
    for (i = x->applied - 1; i >= 0 && rc == 0; i--) {
        const char *name = x->all.items[i].name;
        tide_err e;
        tide_err_clear(&e);
        if (tide_down(x->s, NULL, NULL, &e) < 0)
            return problem(x, name, "down", "%s", e.msg);
        rc = differences(x, x->states[i], name, "down",
                         "its down does not undo its up; from before its up to after its down", err);
    }
    *all_down = rc == 0;
    return rc;
}

static int second_ups(tester *x, tide_err *err)
{
    int i, rc = 0, ok = 1;
    for (i = 0; i < x->applied && rc == 0 && ok; i++) {
        if ((rc = up_one(x, i, "up again", &ok, err)) == 0 && ok)
            rc = differences(x, x->states[i + 1], x->all.items[i].name, "up again",
                             "its second up gives another schema than its first; from the first to the second", err);
    }
    return rc;
}

static int run_steps(tester *x, tide_err *err)
{
    int rc, all_down;
    if ((rc = tide_pending(x->s, &x->all, err)) < 0)
        return rc;
    x->r->migrations = x->all.n;
    if (!(x->states = calloc((size_t)x->all.n + 1, sizeof *x->states)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if ((rc = live_schema(x, &x->states[0], err)) < 0 || (rc = first_ups(x, err)) < 0)
        return rc;
    if (x->applied == x->all.n && (rc = against_snapshot(x, err)) < 0)
        return rc;
    if ((rc = downs(x, &all_down, err)) < 0)
        return rc;
    if (all_down && x->applied == x->all.n)
        rc = second_ups(x, err);
    return rc;
}

int tide_migration_test(tide *t, tide_test_report *out, tide_err *err)
{
    tester x;
    tide_buf url = TIDE_BUF_INIT;
    tide_err dropped;
    int rc, i;
    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    x.t = t;
    x.r = out;
    if ((rc = scratch_create(t, &url, err)) < 0)
        goto done;
    out->scratch = tide_url_mask(url.data);
    if ((rc = scratch_open(&x, url.data, err)) == 0)
        rc = run_steps(&x, err);
    tide_close(x.s);
    tide_err_clear(&dropped);
    if (tide_drop_database(url.data, &dropped) < 0 && rc == 0)
        rc = problem(&x, NULL, "cleanup", "the scratch database %s could not be dropped: %s",
                     out->scratch ? out->scratch : "", dropped.msg);
done:
    for (i = 0; x.states && i <= x.all.n; i++)
        tide_schema_free(x.states[i]);
    free(x.states);
    for (i = 0; i < x.nseen; i++)
        free(x.seen[i]);
    free(x.seen);
    tide_status_list_free(&x.all);
    tide_buf_free(&url);
    if (rc == TIDE_ENOMEM && !err->msg[0])
        tide_err_set(err, rc, "out of memory");
    return rc < 0 ? rc : out->n;
}
