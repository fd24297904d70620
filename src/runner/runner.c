/* runner.c — the migration runner (SPEC 5): open a project, then for a run
 * take the lock, make sure the tracking table exists, read what ran, find
 * the migration files, choose what to run, and run it in the configured
 * transaction mode, recording each migration in the same transaction. */
#include "runner/runner.h"
#include "toolkit/context.h"
#include "lua/runtime.h"
#include "db/driver.h"
#include "runner/interrupt.h"
#include "runner/sumcache.h"

#include <lauxlib.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- discovery -------------------------------------------------------- */

/* Checks entry i of migrations.list (at the top) and adds it.  [-0, +0, -] */
static int add_list_entry(tide *t, tide_migration_set *set, int i, tide_err *err)
{
    lua_State *L = t->L;
    tide_migration m;
    int rc;
    memset(&m, 0, sizeof m);
    if (lua_rawgeti(L, -1, i) != LUA_TTABLE) {
        lua_pop(L, 1);
        return tide_err_set(err, TIDE_ECONFIG, "migrations.list[%d] must be a table "
                            "{ name = ..., up = function(m) ... end, down = ... }", i);
    }
    lua_getfield(L, -1, "name");
    lua_getfield(L, -2, "up");
    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TFUNCTION) {
        rc = tide_err_set(err, TIDE_ECONFIG, "migrations.list[%d] needs a string name and an up "
                          "function", i);
    } else {
        m.name = (char *)lua_tostring(L, -2);
        m.kind = TIDE_MIG_LIST;
        m.list_index = i;
        rc = tide_migrations_find(set, m.name, NULL) && !strcmp(tide_migrations_find(set, m.name, NULL)->name, m.name)
             ? tide_err_set(err, TIDE_ECONFIG, "migrations.list has two migrations named '%s'", m.name)
             : tide_migrations_add(set, &m, err);
    }
    lua_pop(L, 3);
    return rc;
}

/* Files in the folder that look like migrations but that the pattern leaves
 * out are never run: say so rather than "Nothing to migrate". */
static void warn_skipped(tide *t, const tide_migration_set *set)
{
    char msg[768];
    if (!set->nskipped)
        return;
    snprintf(msg, sizeof msg, "%d file%s in %s %s not named as a migration and %s ignored: %s "
             "(names must match migrations.pattern '%s', e.g. Migration20250101120000_init.sql; "
             "rename %s, or run: tide migration:create --blank --name NAME)",
             set->nskipped, set->nskipped == 1 ? "" : "s", t->mc->path, set->nskipped == 1 ? "is" : "are",
             set->nskipped == 1 ? "is" : "are", set->skipped, t->mc->pattern ? t->mc->pattern : "",
             set->nskipped == 1 ? "it" : "them");
    tide__emit(t, TIDE_EV_WARNING, NULL, msg, 0, 0);
}

static int discover(tide *t, tide_migration_set *set, tide_err *err)
{
    int i, n, rc = 0;
    if (t->mc->list_ref == LUA_NOREF)
        return tide_migrations_discover(set, t->L, t->mc->path, t->mc->pattern, err);
    memset(set, 0, sizeof *set);
    lua_rawgeti(t->L, LUA_REGISTRYINDEX, t->mc->list_ref);
    n = (int)lua_rawlen(t->L, -1);
    for (i = 1; i <= n && rc == 0; i++)
        rc = add_list_entry(t, set, i, err);
    lua_pop(t->L, 1);
    if (rc < 0)
        tide_migrations_free(set);
    return rc;
}

/* ---- a run: lock, tracking, discovery -------------------------------- */

typedef struct run {
    tide_tracking tracked;
    tide_migration_set found;
    int locked;
    int limited;     /* run_limits are set */
} run;

static int refuse_running(const tide_tracking *tr, tide_err *err)
{
    int i;
    for (i = 0; i < tr->n; i++)
        if (tr->items[i].running)
            return tide_err_set(err, TIDE_ERROR, "migration '%s' was left running by an interrupted "
                                "run (transactional = false), so its changes may be partly applied. "
                                "Check the database, then run: tide migration:resolve %s --applied "
                                "(keep it) or --rolled-back (forget it)",
                                tr->items[i].name, tr->items[i].name);
    return 0;
}

/* The driver's limits for a run that writes (migrations.lockWait,
 * statementTimeout, runLock, leaseExpiry): lock waits bounded and retried,
 * the run lock a lease row in "<tableName>_lock". NULL clears them. */
static int run_limits(tide *t, int on, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    const tide_migrations_config *mc = t->mc;
    tide_run_limits l;
    tide_buf q = TIDE_BUF_INIT, part = TIDE_BUF_INIT;
    const char *p;
    int rc = 0;
    if (drv->version < 9 || !drv->run_limits)
        return 0;
    if (!on)
        return drv->run_limits(tide_conn__dconn(t->conn), NULL, err);
    memset(&l, 0, sizeof l);
    l.lock_timeout_ms = (int)(mc->lock_wait.timeout * 1000);
    l.retries = (int)mc->lock_wait.retries;
    l.backoff_ms = (int)(mc->lock_wait.backoff * 1000);
    l.statement_timeout_ms = (int)(mc->statement_timeout * 1000);
    if (!mc->run_lock || !strcmp(mc->run_lock, "lease")) {
        l.lease_expiry_ms = (int)(mc->lease_expiry * 1000);
        if (l.lease_expiry_ms < 1000)
            l.lease_expiry_ms = 1000;
        for (p = mc->table_name; rc == 0;) {
            size_t n = strcspn(p, ".");
            tide_buf_reset(&part);
            rc = tide_buf_add(&part, p, n) < 0 || (!p[n] && tide_buf_puts(&part, "_lock") < 0) ||
                 (q.len && tide_buf_putc(&q, '.') < 0) ||
                 drv->quote_ident(&q, part.data ? part.data : "") < 0 ? TIDE_ENOMEM : 0;
            if (!p[n])
                break;
            p += n + 1;
        }
        l.lease_table = q.data;
    }
    if (rc < 0)
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else
        rc = drv->run_limits(tide_conn__dconn(t->conn), &l, err);
    tide_buf_free(&q);
    tide_buf_free(&part);
    return rc;
}

/* What a run needs before it acts. Commands that write take the lock;
 * listings do not, so they answer at once while a long migration runs. */
enum { READ_ONLY = 0, WRITE = 1, WRITE_IF_SETTLED = 2 };

static int run_begin(tide *t, run *r, int mode, tide_err *err)
{
    int rc, check_running = mode == WRITE_IF_SETTLED;
    memset(r, 0, sizeof *r);
    if (mode != READ_ONLY && tide_conn_txdepth(t->conn) == 0) {
        if ((rc = run_limits(t, 1, err)) < 0)
            return rc;
        r->limited = 1;
    }
    if (mode != READ_ONLY) {
        if ((rc = tide_conn_lock(t->conn, t->lock_key, (int)(t->mc->lock_timeout * 1000), err)) < 0)
            return rc;
        r->locked = 1;
    }
    rc = tide_tracking__ensure(t, err);
    if (rc == TIDE_ESQL && mode == READ_ONLY && tide_conn_txdepth(t->conn) == 0) {
        tide_sleep_ms(100);   /* lost a race with a runner creating the table: it exists now */
        rc = tide_tracking__ensure(t, err);
    }
    if (rc < 0 || (rc = tide_tracking__load(t, &r->tracked, err)) < 0)
        return rc;
    if (check_running && (rc = refuse_running(&r->tracked, err)) < 0)
        return rc;
    if ((rc = discover(t, &r->found, err)) < 0)
        return rc;
    warn_skipped(t, &r->found);
    return 0;
}

static void run_end(tide *t, run *r)
{
    tide_err ignored;
    if (r->locked)
        tide_conn_unlock(t->conn, t->lock_key, &ignored);
    if (r->limited)
        run_limits(t, 0, &ignored);
    tide_tracking__free(&r->tracked);
    tide_migrations_free(&r->found);
}

/* ---- status lists ----------------------------------------------------- */

void tide_status_list_free(tide_status_list *l)
{
    int i;
    if (!l)
        return;
    for (i = 0; i < l->n; i++)
        free(l->items[i].module);           /* the item's texts, in one block (status_add) */
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* ---- the order of execution ------------------------------------------ */

/* The length of executed_at as listings show it: to the second
 * ("...:58Z"), whether the row holds milliseconds (since issue 16) or not. */
static size_t listed_time_len(const char *at)
{
    const char *dot = strchr(at, '.');
    return dot ? (size_t)(dot - at) + 1 : strlen(at);
}

/* Compares two executed_at values: the seconds, then the milliseconds (none
 * in rows written before they were recorded: .000). */
static int time_cmp(const char *a, const char *b)
{
    int c = strncmp(a ? a : "", b ? b : "", 19);
    if (c)
        return c;
    return atoi(a && strlen(a) > 20 && a[19] == '.' ? a + 20 : "0") -
           atoi(b && strlen(b) > 20 && b[19] == '.' ? b + 20 : "0");
}

static const tide_tracking *sorting;

/* The order migrations were executed in: executed_at, then the name (one
 * run applies its migrations in name order). */
static int by_execution(const void *pa, const void *pb)
{
    const tide_tracked *a = &sorting->items[*(const int *)pa], *b = &sorting->items[*(const int *)pb];
    int c = time_cmp(a->executed_at, b->executed_at);
    return c ? c : strcmp(a->name, b->name);
}

/* The rows of tr in the order of execution: *out (free()) indexes tr. */
static int execution_order(const tide_tracking *tr, int **out, tide_err *err)
{
    int i;
    if (!(*out = malloc(sizeof **out * (size_t)(tr->n + 1))))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < tr->n; i++)
        (*out)[i] = i;
    sorting = tr;
    qsort(*out, (size_t)tr->n, sizeof **out, by_execution);
    sorting = NULL;
    return 0;
}

/* Appends a status; its texts are copied into one allocation, s->module its
 * start (tide_status_list_free frees it alone): a list of 10,000 is 10,000
 * mallocs, not 50,000. */
static int status_add(tide *t, tide_status_list *l, const char *name, const char *status,
                      const tide_tracked *tr, tide_err *err)
{
    tide_migration_status s;
    const char *text[5];
    char **dst[5] = { &s.module, &s.name, &s.status, &s.executed_at, &s.checksum };
    size_t len[5];
    int i;
    if (!l)
        return 0;
    if (tide_list_reserve(&l->items, l->n, sizeof *l->items) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memset(&s, 0, sizeof s);
    text[0] = t->module;
    text[1] = name;
    text[2] = status;
    text[3] = tr ? tr->executed_at : NULL;
    text[4] = tr ? tr->checksum : NULL;
    for (i = 0; i < 5; i++)
        len[i] = !text[i] ? 0 : i == 3 ? listed_time_len(text[i]) : strlen(text[i]);
    if (!tide_pack_texts(5, text, len, dst))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (len[3] && s.executed_at[len[3] - 1] == '.')
        s.executed_at[len[3] - 1] = 'Z';        /* "...:58.123Z" listed "...:58Z" */
    if (tr)
        s.duration_ms = tr->duration_ms;
    l->items[l->n++] = s;
    return 0;
}

/* ---- choosing what to run -------------------------------------------- */

/* The migration named by a user's word, or an error saying why not. */
/* The one migration whose timestamp (first run of digits) starts with
 * digits, or NULL; *ambiguous when several do. */
static const tide_migration *by_timestamp(const run *r, const char *digits, int *ambiguous)
{
    const tide_migration *hit = NULL;
    int i;
    if (!*digits || digits[strspn(digits, "0123456789")])
        return NULL;
    for (i = 0; i < r->found.n; i++) {
        const char *name = r->found.items[i].name, *d = name + strcspn(name, "0123456789");
        if (!strncmp(d, digits, strlen(digits))) {
            if (hit) {
                *ambiguous = 1;
                return NULL;
            }
            hit = &r->found.items[i];
        }
    }
    return hit;
}

/* word names name as --only does: the name, the file name, a prefix of the
 * name, or a prefix of its timestamp (its first run of digits). */
static int names(const char *name, const char *word)
{
    size_t n = strlen(word), len = strlen(name);
    const char *d = name + strcspn(name, "0123456789");
    if (n > 4 && (!strcmp(word + n - 4, ".lua") || !strcmp(word + n - 4, ".sql")))
        n -= 4;
    if (n == 0)
        return 0;
    if (n <= len && !strncmp(name, word, n))
        return 1;
    return !word[strspn(word, "0123456789")] && !strncmp(d, word, n);
}

static const tide_migration *lookup(const run *r, const char *word, const char *flag, tide_err *err)
{
    int ambiguous = 0;
    const tide_migration *m = tide_migrations_find(&r->found, word, &ambiguous);
    if (!m && !ambiguous)
        m = by_timestamp(r, word, &ambiguous);
    if (!m && ambiguous) {
        tide_buf list = TIDE_BUF_INIT;
        int i, n = 0;
        for (i = 0; i < r->found.n; i++)
            if (names(r->found.items[i].name, word))
                tide_buf_printf(&list, "%s%s", n++ ? ", " : "", r->found.items[i].name);
        tide_err_set(err, TIDE_EINVAL, "%s '%s' matches several migrations: %s; give more of the name",
                     flag, word, list.data ? list.data : "");
        tide_buf_free(&list);
    } else if (!m) {
        tide_err_set(err, TIDE_EINVAL, "%s '%s': no such migration (tide migration:pending and "
                     "migration:list name them)", flag, word);
    }
    return m;
}

/* The folder whose checksums a run may take from the cache (runner/sumcache.h):
 * the migrations folder, not a static migrations.list. */
static const char *cached_folder(const tide *t)
{
    return t->mc->list_ref == LUA_NOREF ? t->mc->path : NULL;
}

static int warn_changed(tide *t, run *r)
{
    tide_sumcache cache;
    int i;
    tide_sumcache_open(&cache, cached_folder(t), r->tracked.n);
    for (i = 0; i < r->found.n; i++) {
        tide_migration *m = &r->found.items[i];
        const tide_tracked *tr = tide_tracking__find(&r->tracked, m->name);
        tide_err ignored;
        char msg[512];
        if (!tr || !tr->checksum || m->kind == TIDE_MIG_LIST || tide_sumcache_checksum(&cache, m, &ignored) < 0)
            continue;
        if (strcmp(tr->checksum, m->checksum)) {
            snprintf(msg, sizeof msg, "migration %s changed since it was executed (its checksum "
                     "differs); tide migration:validate lists every such file", m->name);
            tide__emit(t, TIDE_EV_WARNING, m->name, msg, 0, 0);
        }
    }
    tide_sumcache_close(&cache);
    return 0;
}

static const char *newest_executed(const run *r)
{
    return r->tracked.n ? r->tracked.items[r->tracked.n - 1].name : NULL;
}

static int refuse_out_of_order(const char *name, const char *newest, tide_err *err)
{
    return tide_err_set(err, TIDE_ERROR, "pending migration '%s' is older than the newest executed "
                        "one '%s' (merged from another branch?); it was not run. Check it, then run "
                        "with --allow-out-of-order or set migrations.allowOutOfOrder = true",
                        name, newest);
}

/* plan: indexes into r->found, in the order to run. */
typedef struct plan {
    int *idx;
    int n;
} plan;

static int plan_push(plan *p, int i, tide_err *err)
{
    if (tide_list_reserve(&p->idx, p->n, sizeof *p->idx) < 0)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    p->idx[p->n++] = i;
    return 0;
}

static int plan_up(tide *t, run *r, const tide_run_options *o, plan *p, tide_err *err)
{
    const tide_migration *from = NULL, *to = NULL, *only = NULL;
    const char *newest = newest_executed(r);
    int i, allow = o->allow_out_of_order || t->mc->allow_out_of_order;
    if ((o->from && !(from = lookup(r, o->from, "--from", err))) ||
        (o->to && !(to = lookup(r, o->to, "--to", err))) ||
        (o->only && !(only = lookup(r, o->only, "--only", err))))
        return err->code;
    if (only && tide_tracking__find(&r->tracked, only->name))
        return tide_err_set(err, TIDE_EINVAL, "--only '%s': it is executed already", only->name);
    for (i = 0; i < r->found.n; i++) {
        const tide_migration *m = &r->found.items[i];
        if (tide_tracking__find(&r->tracked, m->name))
            continue;
        if ((only && m != only) || (from && strcmp(m->name, from->name) < 0) ||
            (to && strcmp(m->name, to->name) > 0))
            continue;
        if (newest && strcmp(m->name, newest) < 0 && !allow)
            return refuse_out_of_order(m->name, newest, err);
        if (plan_push(p, i, err) < 0)
            return err->code;
    }
    return 0;
}

static int plan_down(tide *t, run *r, const tide_run_options *o, plan *p, tide_err *err)
{
    const char *stop = NULL;
    int *order = NULL, rc = 0;
    int i, all = o->to && !strcmp(o->to, "0");
    (void)t;
    if (o->only) {
        const tide_migration *m = lookup(r, o->only, "--only", err);
        if (!m)
            return err->code;
        if (!tide_tracking__find(&r->tracked, m->name))
            return tide_err_set(err, TIDE_EINVAL, "--only '%s': it is not executed", m->name);
        return plan_push(p, (int)(m - r->found.items), err);
    }
    if (o->to && !all) {
        const tide_migration *m = lookup(r, o->to, "--to", err);
        if (!m)
            return err->code;
        stop = m->name;
    }
    if (stop && !tide_tracking__find(&r->tracked, stop))
        return tide_err_set(err, TIDE_EINVAL, "--to '%s': it is not executed, so nothing is reverted "
                            "down to it (tide migration:list shows what is)", stop);
    if (execution_order(&r->tracked, &order, err) < 0)
        return err->code;
    for (i = r->tracked.n - 1; rc == 0 && i >= 0; i--) {   /* the last executed first */
        const char *name = r->tracked.items[order[i]].name;
        const tide_migration *m = tide_migrations_find(&r->found, name, NULL);
        if (stop && !strcmp(name, stop))
            break;          /* everything executed after it is reverted */
        if (!m || strcmp(m->name, name))
            rc = tide_err_set(err, TIDE_EIO, "cannot revert '%s': its migration file is missing "
                              "(restore it, or forget it with tide migration:unlog %s)", name, name);
        else if (plan_push(p, (int)(m - r->found.items), err) < 0)
            rc = err->code;
        else if (!stop && !all)
            break;          /* by default: the last one only */
    }
    free(order);
    return rc;
}

/* ---- loading and running one migration ------------------------------ */

static int sql_section(lua_State *L)
{
    lua_getfield(L, 1, "addSql");
    lua_pushvalue(L, 1);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_call(L, 2, 0);
    return 0;
}

/* { up = <addSql of the up section>, down = ..., transactional = ... }
 * [-3, +1, m]: (up tide_buf*, down tide_buf* or NULL, transactional) */
static int sql_table_p(lua_State *L)
{
    const tide_buf *up = lua_touserdata(L, 1), *down = lua_touserdata(L, 2);
    int transactional = lua_toboolean(L, 3);
    lua_createtable(L, 0, 3);
    lua_pushlstring(L, up->data ? up->data : "", up->len);
    lua_pushcclosure(L, sql_section, 1);
    lua_setfield(L, -2, "up");
    if (down) {
        lua_pushlstring(L, down->data ? down->data : "", down->len);
        lua_pushcclosure(L, sql_section, 1);
        lua_setfield(L, -2, "down");
    }
    lua_pushboolean(L, transactional);
    lua_setfield(L, -2, "transactional");
    return 1;
}

/* Pushes { up, down, transactional } for a .sql file.  [-0, +1 | 0, -] */
static int load_sql(tide *t, const tide_migration *m, tide_err *err)
{
    tide_buf text = TIDE_BUF_INIT, up = TIDE_BUF_INIT, down = TIDE_BUF_INIT;
    int has_down = 0, transactional = 1, rc;
    if ((rc = tide_file_read(m->path, &text, err)) == 0 &&
        (rc = tide_sql_sections(m->path, text.data ? text.data : "", text.len, &up, &down,
                                &has_down, &transactional, err)) == 0) {
        lua_pushcfunction(t->L, sql_table_p);        /* building it may run out of memory */
        lua_pushlightuserdata(t->L, &up);
        lua_pushlightuserdata(t->L, has_down ? &down : NULL);
        lua_pushboolean(t->L, transactional);
        rc = tide_runtime_pcall(t->L, 3, 1, err);
    }
    tide_buf_free(&text);
    tide_buf_free(&up);
    tide_buf_free(&down);
    return rc;
}

/* Pushes the table a .lua file returns, run in its own environment.
 * [-0, +1 | 0, -] */
static int load_lua(tide *t, const tide_migration *m, tide_err *err)
{
    int rc;
    if ((rc = tide_runtime_loadfile_sandboxed(t->L, m->path, err)) < 0)
        return rc;
    return tide_runtime_pcall(t->L, 0, 1, err);
}

static int check_shape(tide *t, const tide_migration *m, tide_err *err)
{
    lua_State *L = t->L;
    const char *where = m->path ? m->path : m->name;
    int ok;
    if (lua_type(L, -1) != LUA_TTABLE) {
        tide_err_set(err, TIDE_ELUA, "%s must return a table with an up function "
                     "(return { up = function(m) ... end, down = function(m) ... end }); it returned %s",
                     where, luaL_typename(L, -1));
        lua_pop(L, 1);
        return TIDE_ELUA;
    }
    lua_getfield(L, -1, "up");
    lua_getfield(L, -2, "down");
    lua_getfield(L, -3, "transactional");
    ok = lua_type(L, -3) == LUA_TFUNCTION && (lua_isnil(L, -2) || lua_type(L, -2) == LUA_TFUNCTION) &&
         (lua_isnil(L, -1) || lua_type(L, -1) == LUA_TBOOLEAN);
    if (!ok)
        tide_err_set(err, TIDE_ELUA, lua_type(L, -3) != LUA_TFUNCTION
                     ? "%s: the returned table has no up function (up = function(m) ... end)"
                     : "%s: down must be a function and transactional a boolean", where);
    lua_pop(L, ok ? 3 : 4);
    return ok ? 0 : TIDE_ELUA;
}

/* Pushes the migration's table.   [-0, +1 | 0, -] */
static int load_migration(tide *t, const tide_migration *m, tide_err *err)
{
    int rc;
    if (m->kind == TIDE_MIG_LIST) {
        lua_rawgeti(t->L, LUA_REGISTRYINDEX, t->mc->list_ref);
        lua_rawgeti(t->L, -1, m->list_index);
        lua_remove(t->L, -2);
        rc = 0;
    } else {
        rc = m->kind == TIDE_MIG_SQL ? load_sql(t, m, err) : load_lua(t, m, err);
    }
    return rc < 0 ? rc : check_shape(t, m, err);
}

static int is_transactional(tide *t)
{
    int v;
    lua_getfield(t->L, -1, "transactional");
    v = lua_isnil(t->L, -1) ? t->mc->transactional : lua_toboolean(t->L, -1);
    lua_pop(t->L, 1);
    return v;
}

static int migration_failed(const tide_migration *m, int down, tide_err *err)
{
    char before[320];
    snprintf(before, sizeof before, "migration %.255s failed%s: ", m->name, down ? " (down)" : "");
    tide_err_wrap(err, before, NULL);
    return err->code < 0 ? err->code : TIDE_ERROR;
}

/* Runs up or down of the migration table at the top, then its queued SQL. */
/* Inside a protected call: fn(m) for up/down of the table at index 1, then
 * the queued SQL; m.db's handle is released whatever happens.
 * [-4, +0, e]: (table, tide*, migration*, down) */
static int run_function_p(lua_State *L)
{
    tide *t = lua_touserdata(L, 2);
    const tide_migration *m = lua_touserdata(L, 3);
    int down = lua_toboolean(L, 4), st;
    lua_settop(L, 1);
    lua_getfield(L, 1, down ? "down" : "up");          /* 2: fn */
    tide_context__push(L, t, m->name);                     /* 3: m */
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 3);
    st = lua_pcall(L, 1, 0, 0);                        /* fn(m); its error stays as raised */
    if (st == LUA_OK) {
        lua_pushcfunction(L, tide_context__flush);
        lua_pushvalue(L, 3);
        st = lua_pcall(L, 1, 0, 0);                    /* the queued SQL */
    }
    /* m.db's cursors end with the migration, not whenever the GC runs */
    tide_context__release(L, 3);
    return st == LUA_OK ? 0 : lua_error(L);
}

static int run_function(tide *t, const tide_migration *m, int down, tide_err *err)
{
    lua_State *L = t->L;
    int top = lua_gettop(L), rc, missing;
    lua_getfield(L, -1, down ? "down" : "up");         /* a plain table: nothing to raise */
    missing = lua_isnil(L, -1);
    lua_pop(L, 1);
    if (missing && m->kind == TIDE_MIG_SQL)
        return tide_err_set(err, TIDE_ERROR, "migration %s has no down section, so it cannot be "
                            "rolled back (add a line '-- tide:down' to %s, followed by the SQL that "
                            "undoes its up section)", m->name, m->path ? m->path : "its file");
    if (missing)
        return tide_err_set(err, TIDE_ERROR, "migration %s has no down function, so it cannot be "
                            "rolled back (add down = function(m) ... end to %s)", m->name,
                            m->path ? m->path : "its entry");
    lua_pushcfunction(L, run_function_p);
    lua_pushvalue(L, top);
    lua_pushlightuserdata(L, t);
    lua_pushlightuserdata(L, (void *)m);
    lua_pushboolean(L, down);
    rc = tide_runtime_pcall(L, 4, 0, err);
    lua_settop(L, top);
    return rc < 0 ? migration_failed(m, down, err) : 0;
}

/* ---- transaction modes ------------------------------------------------ */

typedef struct exec_state {
    int down, dry, joined, open, fk_off;
    int stopped;               /* a signal stopped it; err says where */
    int ran;                   /* migrations this run has run */
} exec_state;

/* A signal stopped the run at m (handle_signals): err says what became of
 * m. where: 0 before m started, 1 during m in a transaction (rolled back),
 * 2 during m outside one (left running). */
static int interrupted(tide *t, exec_state *x, const tide_migration *m, int where, tide_err *err)
{
    const char *sig = tide__signal_name(tide__interrupted()), *verb = x->down ? "revert" : "apply";
    x->stopped = 1;
    tide_err_clear(err);
    if (where == 0)
        return tide_err_set(err, TIDE_EINTR, "interrupted by %s before migration %s: it and the "
                            "ones after it were not run; run the command again to %s them", sig,
                            m->name, verb);
    if (where == 1)
        return tide_err_set(err, TIDE_EINTR, "interrupted by %s during migration %s: its "
                            "transaction was rolled back%s, so nothing of it is %s or recorded; "
                            "run the command again to %s it", sig, m->name,
                            x->ran && (t->mc->all_or_nothing || x->dry) ? ", with the migrations "
                            "before it in this run (allOrNothing)," : "", x->down ? "reverted" : "applied", verb);
    return tide_err_set(err, TIDE_EINTR, "interrupted by %s during migration %s, which runs outside "
                        "a transaction (transactional = false), so some of it may be %s. It stays "
                        "marked 'running': check the database, then run tide migration:resolve %s "
                        "--applied (keep it) or --rolled-back (forget it)", sig, m->name,
                        x->down ? "reverted" : "applied", m->name);
}

static int tx_end(tide *t, exec_state *x, int commit, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_err ignored;
    int rc = 0;
    if (!x->open)
        return 0;
    x->open = 0;
    if (commit && x->fk_off && (rc = drv->fk_check(tide_conn__dconn(t->conn), err)) < 0)
        commit = 0;
    if (commit && !x->dry)
        return tide_conn_commit(t->conn, err);
    tide_conn_rollback(t->conn, rc < 0 ? &ignored : err);
    return rc;
}

static int record(tide *t, const tide_migration *m, int down, int64_t ms, tide_err *err)
{
    return down ? tide_tracking__delete(t, m->name, err)
                : tide_tracking__insert(t, m, "applied", ms, err);
}

/* A transactional = false migration: recorded 'running' before, settled after. */
static int run_outside(tide *t, exec_state *x, const tide_migration *m, int64_t *ms, tide_err *err)
{
    int64_t start;
    int rc;
    if (x->joined)
        return tide_err_set(err, TIDE_EINVAL, "migration %s has transactional = false and cannot run "
                            "inside the caller's transaction", m->name);
    if ((rc = tx_end(t, x, 1, err)) < 0)
        return rc;
    rc = x->down ? tide_tracking__mark_running(t, m->name, err)
                 : tide_tracking__insert(t, m, "running", 0, err);
    if (rc < 0)
        return rc;
    start = tide_now_ms();
    if ((rc = run_function(t, m, x->down, err)) == 0 && tide__interrupted())
        rc = TIDE_EINTR;              /* the migration swallowed the error: still not settled */
    if (rc < 0) {
        char after[400];
        snprintf(after, sizeof after, "\n  it ran outside a transaction, so some of it may be applied; "
                 "it stays marked 'running' until tide migration:resolve %.200s --applied|--rolled-back",
                 m->name);
        tide_err_wrap(err, NULL, after);
        return rc;
    }
    *ms = tide_now_ms() - start;
    return x->down ? tide_tracking__delete(t, m->name, err) : tide_tracking__finish(t, m->name, *ms, err);
}

static int run_inside(tide *t, exec_state *x, const tide_migration *m, int64_t *ms, tide_err *err)
{
    int64_t start;
    int rc;
    if (!x->open) {
        if ((rc = tide_conn_begin(t->conn, err)) < 0)
            return rc;
        x->open = 1;
    }
    start = tide_now_ms();
    if ((rc = run_function(t, m, x->down, err)) < 0)
        return rc;
    if (tide__interrupted())
        return TIDE_EINTR;            /* even when the migration caught the error itself */
    *ms = tide_now_ms() - start;
    if ((rc = record(t, m, x->down, *ms, err)) < 0)
        return rc;
    if (!(t->mc->all_or_nothing || x->dry || x->joined))
        return tx_end(t, x, 1, err);
    return 0;
}

/* Runs the plan: transactional migrations in one master transaction under
 * allOrNothing (or a dry run, or inside the caller's transaction), else one
 * each; transactional = false ones outside any, after committing what came
 * before them. Foreign key checks are off around it when configured. */
static int execute(tide *t, run *r, const plan *p, exec_state *x, tide_status_list *done,
                   tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_dconn *d = tide_conn__dconn(t->conn);
    const tide_migration *last = NULL;
    tide_err ignored;
    int i, rc = 0;
    x->joined = tide_conn_txdepth(t->conn) > 0;
    if (t->mc->disable_foreign_keys && !x->joined && p->n > 0) {
        if ((rc = drv->fk_disable(d, &x->fk_off, err)) < 0)
            return rc;
        if (!x->fk_off)
            tide__emit(t, TIDE_EV_WARNING, NULL, "foreign key checks stay on: this database "
                       "cannot relax them (migrations.disableForeignKeys)", 0, 0);
    }
    for (i = 0; i < p->n && rc == 0; i++) {
        const tide_migration *m = &r->found.items[p->idx[i]];
        int64_t ms = 0;
        int inside;
        if (tide__interrupted()) {
            rc = interrupted(t, x, m, 0, err);
            break;
        }
        if ((rc = tide_migration_checksum((tide_migration *)m, err)) < 0 ||
            (rc = load_migration(t, m, err)) < 0)
            break;
        if (!is_transactional(t) && x->dry) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s was not run: transactional = false migrations cannot run "
                     "inside the dry run's transaction", m->name);
            tide__emit(t, TIDE_EV_WARNING, m->name, msg, x->down, 0);
            lua_pop(t->L, 1);
            continue;
        }
        tide__emit(t, TIDE_EV_MIGRATING, m->name, NULL, x->down, 0);
        inside = is_transactional(t);
        rc = inside ? run_inside(t, x, m, &ms, err) : run_outside(t, x, m, &ms, err);
        if (rc < 0 && tide__interrupted())
            rc = interrupted(t, x, m, inside ? 1 : 2, err);
        last = m;
        lua_pop(t->L, 1);
        if (rc == 0) {
            x->ran++;
            tide__emit(t, TIDE_EV_MIGRATED, m->name, NULL, x->down, (double)ms);
            rc = status_add(t, done, m->name, x->down ? "pending" : "applied", NULL, err);
            if (rc == 0 && done)
                done->items[done->n - 1].duration_ms = ms;
        }
    }
    if (rc == 0 && x->open && last && tide__interrupted()) {
        x->ran--;                                 /* last is the one that rolls back */
        rc = interrupted(t, x, last, 1, err);     /* not committed yet: it need not be */
    }
    if (rc == 0)
        rc = tx_end(t, x, 1, err);
    else
        tx_end(t, x, 0, &ignored);
    if (x->fk_off && drv->fk_enable(d, rc < 0 ? &ignored : err) < 0 && rc == 0)
        rc = err->code;
    return rc;
}

/* --backup FILE: a copy of the database before anything runs (lock held).
 * An existing file is never overwritten. */
static int take_backup(tide *t, const char *path, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    struct stat st;
    char msg[PATH_MAX + 64];
    int rc;
    if (!*path)
        return tide_err_set(err, TIDE_EINVAL, "--backup needs a file name");
    if (lstat(path, &st) == 0)
        return tide_err_set(err, TIDE_EIO, "backup file '%s' exists already; choose another name",
                            path);
    if (drv->version < 2 || !drv->backup)
        return tide_err_set(err, TIDE_EINVAL, "--backup: the %s driver cannot take backups",
                            drv->name);
    if ((rc = drv->backup(tide_conn__dconn(t->conn), path, err)) < 0)
        return rc;
    snprintf(msg, sizeof msg, "backup written to %s", path);
    tide__emit(t, TIDE_EV_LOG, "backup", msg, 0, 0);
    return 0;
}

/* After a run that handled signals: a signal that came outside any
 * migration (waiting for the lock, after the last one) still fails it; a
 * failure of its own after migrations ran keeps its message. */
static int settle_interrupt(const exec_state *x, int rc, tide_err *err)
{
    const char *sig = tide__signal_name(tide__interrupted());
    if (!tide__interrupted() || x->stopped || (rc < 0 && x->ran > 0))
        return rc;
    tide_err_clear(err);
    if (x->ran == 0)
        return tide_err_set(err, TIDE_EINTR, "interrupted by %s before any migration ran: "
                            "nothing was changed", sig);
    return tide_err_set(err, TIDE_EINTR, "interrupted by %s after the last migration was "
                        "committed: all %d of them ran", sig, x->ran);
}

static int run_plan(tide *t, const tide_run_options *o, int down, tide_status_list *done, tide_err *err)
{
    static const tide_run_options none;
    tide_interrupt_scope sig = { 0 };
    exec_state x;
    run r;
    plan p = { NULL, 0 };
    int rc;
    if (!o)
        o = &none;
    if (t->handle_signals)
        tide__interrupt_begin(&sig, t->L, t->conn);
    memset(&x, 0, sizeof x);
    x.down = down;
    x.dry = o->dry_run;
    if (done)
        memset(done, 0, sizeof *done);
    if ((rc = run_begin(t, &r, WRITE_IF_SETTLED, err)) == 0) {
        if (!down)
            warn_changed(t, &r);
        rc = down ? plan_down(t, &r, o, &p, err) : plan_up(t, &r, o, &p, err);
    }
    if (rc == 0 && o->backup && !o->dry_run)
        rc = take_backup(t, o->backup, err);
    if (rc == 0 && o->dry_run)
        tide__trace(t, 1);
    if (rc == 0)
        rc = execute(t, &r, &p, &x, done, err);
    if (o->dry_run && !t->verbose)
        tide__trace(t, 0);
    run_end(t, &r);
    if (t->handle_signals) {
        rc = settle_interrupt(&x, rc, err);
        tide__interrupt_end(&sig, t->L);
    }
    free(p.idx);
    if (rc < 0 && done)
        tide_status_list_free(done);
    return rc < 0 ? rc : 0;
}

int tide_up(tide *t, const tide_run_options *o, tide_status_list *done, tide_err *err)
{
    return run_plan(t, o, 0, done, err);
}

int tide_down(tide *t, const tide_run_options *o, tide_status_list *done, tide_err *err)
{
    return run_plan(t, o, 1, done, err);
}

/* ---- reading state ---------------------------------------------------- */

int tide_pending(tide *t, tide_status_list *out, tide_err *err)
{
    run r;
    int i, rc;
    memset(out, 0, sizeof *out);
    if ((rc = run_begin(t, &r, READ_ONLY, err)) == 0)
        for (i = 0; i < r.tracked.n && rc == 0; i++)     /* left running: not done, not to do */
            if (r.tracked.items[i].running)
                rc = status_add(t, out, r.tracked.items[i].name, "running", &r.tracked.items[i], err);
    for (i = 0; rc == 0 && i < r.found.n; i++)
        if (!tide_tracking__find(&r.tracked, r.found.items[i].name))
            rc = status_add(t, out, r.found.items[i].name, "pending", NULL, err);
    run_end(t, &r);
    if (rc < 0)
        tide_status_list_free(out);
    return rc < 0 ? rc : 0;
}

/* Executed migrations; with problems_only, just those changed or missing
 * (migration:validate: every file read, never the checksums' cache). */
static int list_executed(tide *t, tide_status_list *out, int problems_only, tide_err *err)
{
    tide_sumcache cache;
    tide_migration **files = NULL, **checked;
    run r;
    int i, j, n = 0, rc, problems = 0;
    memset(out, 0, sizeof *out);
    memset(&cache, 0, sizeof cache);
    if ((rc = run_begin(t, &r, READ_ONLY, err)) < 0)
        goto done;
    tide_sumcache_open(&cache, problems_only ? NULL : cached_folder(t), r.tracked.n);
    /* each row's file (NULL: missing), then those whose checksum is
     * checked, in the same order: stat'ed together on two threads first */
    if (r.tracked.n && !(files = calloc((size_t)r.tracked.n * 2, sizeof *files))) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    checked = files ? files + r.tracked.n : NULL;
    for (i = 0, j = 0; i < r.tracked.n; i++) {
        const tide_tracked *tr = &r.tracked.items[i];
        tide_migration *m;
        /* both sorted by name in bytes: one walk over the files, not a
         * search of them per row */
        while (j < r.found.n && strcmp(r.found.items[j].name, tr->name) < 0)
            j++;
        m = j < r.found.n && !strcmp(r.found.items[j].name, tr->name) ? &r.found.items[j] : NULL;
        if (!m && (m = (tide_migration *)tide_migrations_find(&r.found, tr->name, NULL)) &&
            strcmp(m->name, tr->name))
            m = NULL;                   /* not there (the lookup took another by its prefix) */
        files[i] = m;
        if (m && tr->checksum && m->kind != TIDE_MIG_LIST)
            checked[n++] = m;
    }
    tide_sumcache_prestat(&cache, checked, n);
    for (i = 0; i < r.tracked.n && rc == 0; i++) {
        const tide_tracked *tr = &r.tracked.items[i];
        tide_migration *m = files[i];
        tide_err ignored;
        int missing = !m, changed = 0;
        if (!missing && tr->checksum && m->kind != TIDE_MIG_LIST &&
            tide_sumcache_checksum(&cache, m, &ignored) == 0)
            changed = strcmp(tr->checksum, m->checksum) != 0;
        problems += missing || changed || tr->running;
        if (problems_only && !missing && !changed && !tr->running)
            continue;
        if ((rc = status_add(t, out, tr->name, tr->running ? "running" : "applied", tr, err)) == 0) {
            out->items[out->n - 1].missing = missing;
            out->items[out->n - 1].changed = changed;
        }
    }
done:
    free(files);
    tide_sumcache_close(&cache);
    run_end(t, &r);
    if (rc < 0)
        tide_status_list_free(out);
    return rc < 0 ? rc : problems;
}

int tide_executed(tide *t, tide_status_list *out, tide_err *err)
{
    int rc = list_executed(t, out, 0, err);
    return rc < 0 ? rc : 0;
}

int tide_validate(tide *t, tide_status_list *out, tide_err *err)
{
    return list_executed(t, out, 1, err);
}

/* ---- settling state by hand ------------------------------------------ */

/* The tracking table's row a user's word names (the forms --only takes); an
 * ambiguous word is refused with the rows it matches. */
static const tide_tracked *lookup_tracked(const run *r, const char *word, tide_err *err)
{
    const tide_tracked *hit = tide_tracking__find(&r->tracked, word);
    tide_buf list = TIDE_BUF_INIT;
    int i, n = 0;
    if (hit)
        return hit;
    for (i = 0; i < r->tracked.n; i++)
        if (names(r->tracked.items[i].name, word)) {
            hit = &r->tracked.items[i];
            tide_buf_printf(&list, "%s%s", n++ ? ", " : "", hit->name);
        }
    if (n > 1)
        tide_err_set(err, TIDE_EINVAL, "'%s' matches %d executed migrations: %s; give more of the name",
                     word, n, list.data ? list.data : "");
    else if (n == 0)
        tide_err_set(err, TIDE_EINVAL, "'%s' is not executed (tide migration:list names the executed ones)",
                     word);
    tide_buf_free(&list);
    return n == 1 ? hit : NULL;
}

int tide_resolve(tide *t, const char *name, int applied, tide_err *err)
{
    const tide_tracked *tr;
    run r;
    int rc;
    if ((rc = run_begin(t, &r, WRITE, err)) == 0) {
        if (!(tr = lookup_tracked(&r, name, err)))
            rc = err->code;
        else if (!tr->running)
            rc = tide_err_set(err, TIDE_EINVAL, "'%s' is not left running; nothing to resolve", tr->name);
        else
            rc = applied ? tide_tracking__finish(t, tr->name, tr->duration_ms, err)
                         : tide_tracking__delete(t, tr->name, err);
    }
    run_end(t, &r);
    return rc;
}

int tide_log(tide *t, const char *name, tide_err *err)
{
    const tide_migration *m;
    run r;
    int rc;
    if ((rc = run_begin(t, &r, WRITE, err)) == 0 && (m = lookup(&r, name, "migration", err)) == NULL)
        rc = err->code;
    if (rc == 0 && tide_tracking__find(&r.tracked, m->name))
        rc = tide_err_set(err, TIDE_EINVAL, "'%s' is executed already", m->name);
    if (rc == 0 && (rc = tide_migration_checksum((tide_migration *)m, err)) == 0)
        rc = tide_tracking__insert(t, m, "applied", 0, err);
    run_end(t, &r);
    return rc;
}

int tide_unlog(tide *t, const char *name, tide_err *err)
{
    const tide_tracked *tr = NULL;
    run r;
    int rc;
    if ((rc = run_begin(t, &r, WRITE, err)) == 0 && !(tr = lookup_tracked(&r, name, err)))
        rc = err->code;
    if (rc == 0)
        rc = tide_tracking__delete(t, tr->name, err);
    run_end(t, &r);
    return rc;
}

/* ---- new files --------------------------------------------------------- */

/* "add phone!" -> "add_phone": letters, digits and underscores only. */
static int clean_label(const char *label, tide_buf *out)
{
    const char *p;
    for (p = label; *p; p++) {
        char c = *p;
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (tide_buf_putc(out, ok ? c : '_') < 0)
            return TIDE_ENOMEM;
    }
    return 0;
}

static const char blank_template[] =
    "-- %s\n"
    "return {\n"
    "  up = function(m)\n"
    "    -- m:addSql [[ create table ... ]]\n"
    "  end,\n"
    "\n"
    "  down = function(m)\n"
    "  end,\n"
    "}\n";

int tide__migration_name(tide *t, const char *label, tide_buf *name, tide_buf *path, tide_err *err)
{
    time_t now = time(NULL);
    int tries;
    if (t->mc->list_ref != LUA_NOREF)
        return tide_err_set(err, TIDE_ECONFIG, "migrations come from migrations.list; there is no "
                            "folder to write a new file into");
    if (mkdir(t->mc->path, 0755) < 0 && errno != EEXIST)
        return tide_err_set(err, TIDE_EIO, "cannot create the migrations folder '%s': %s",
                            t->mc->path, strerror(errno));
    for (tries = 0; tries < 60; tries++, now++) {   /* a free timestamp, not a shared one */
        struct tm tm;
        char stamp[32];
        tide_migration_set set;
        tide_err ignored;
        size_t n;
        int taken = 0, i;
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "Migration%Y%m%d%H%M%S", &tm);
        n = strlen(stamp);
        if (tide_migrations_discover(&set, t->L, t->mc->path, "^Migration%d+", &ignored) == 0) {
            for (i = 0; i < set.n && !taken; i++)
                taken = !strncmp(set.items[i].name, stamp, n) &&
                        !(set.items[i].name[n] >= '0' && set.items[i].name[n] <= '9');
            tide_migrations_free(&set);
        }
        if (!taken)
            break;
    }
    {
        struct tm tm;
        char stamp[32];
        gmtime_r(&now, &tm);
        strftime(stamp, sizeof stamp, "Migration%Y%m%d%H%M%S", &tm);
        tide_buf_reset(name);
        if (tide_buf_puts(name, stamp) < 0 ||
            (label && *label && (tide_buf_putc(name, '_') < 0 || clean_label(label, name) < 0)) ||
            tide_buf_printf(path, "%s/%s.lua", t->mc->path, name->data) < 0)
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    return 0;
}

int tide_create_blank(tide *t, const char *label, char **path_out, tide_err *err)
{
    tide_buf name = TIDE_BUF_INIT, path = TIDE_BUF_INIT, text = TIDE_BUF_INIT;
    int rc;
    if (path_out)
        *path_out = NULL;
    if ((rc = tide__migration_name(t, label, &name, &path, err)) < 0)
        goto done;
    if (tide_buf_printf(&text, blank_template, name.data) < 0) {
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = tide_file_write_atomic(path.data, text.data, text.len, 1, err)) < 0)
        goto done;
    if (path_out)
        *path_out = tide_buf_detach(&path);
done:
    tide_buf_free(&name);
    tide_buf_free(&path);
    tide_buf_free(&text);
    return rc;
}
