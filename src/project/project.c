/* project.c — the project handle (struct tide, project.h): opening a
 * project (configuration, module, connection, tracking table's name),
 * closing it, the event sink every room reports through, and the services
 * every room above needs on the project's connection: its driver, its live
 * schema, running a list of statements as a migration would. */
#include "project/project.h"
#include "lua/runtime.h"
#include "db/driver.h"
#include "db/url.h"
#include "core/files.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>

void tide__emit(tide *t, tide_event_kind kind, const char *name, const char *text, int down,
                double duration_ms)
{
    tide_event ev;
    if (!t->on_event)
        return;
    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.module = t->module;
    ev.name = name;
    ev.text = text;
    ev.down = down;
    ev.duration_ms = duration_ms;
    t->on_event(t->event_ud, &ev);
}

int tide__log(lua_State *L, tide *t)
{
    int n = lua_gettop(L);
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "format");
    lua_remove(L, -2);
    lua_insert(L, 2);
    lua_call(L, n - 1, 1);
    lua_getfield(L, 1, "name");
    tide__emit(t, TIDE_EV_LOG, lua_tostring(L, -1), lua_tostring(L, -2), 0, 0);
    return 0;
}

static void trace_sql(void *ud, const char *sql)
{
    tide__emit(ud, TIDE_EV_SQL, NULL, sql, 0, 0);
}

void tide__trace(tide *t, int on)
{
    tide_conn_set_trace(t->conn, on ? trace_sql : NULL, on ? t : NULL);
}

/* ---- opening a project ------------------------------------------------ */

static int pick_module(tide *t, const char *module, tide_err *err)
{
    int i, rc;
    t->mc = &t->cfg.migrations;
    if (module && *module && (rc = tide_config_check_modules(&t->cfg, &module, 1, err)) < 0)
        return rc;
    for (i = 0; module && *module && i < t->cfg.nmodules; i++)
        if (!strcmp(t->cfg.modules[i].name, module))
            t->mc = &t->cfg.modules[i].migrations;
    return (t->module = tide_strdup(module ? module : "")) ? 0 : tide_err_set(err, TIDE_ENOMEM, "out of memory");
}

/* "schema.table" quoted part by part, and the lock key. */
static int name_table(tide *t, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    tide_buf q = TIDE_BUF_INIT, part = TIDE_BUF_INIT;
    const char *p = t->mc->table_name;
    int rc = 0;
    while (rc == 0) {
        size_t n = strcspn(p, ".");
        tide_buf_reset(&part);
        rc = tide_buf_add(&part, p, n) < 0 || (q.len && tide_buf_putc(&q, '.') < 0) ||
             drv->quote_ident(&q, part.data ? part.data : "") < 0 ? TIDE_ENOMEM : 0;
        if (!p[n])
            break;
        p += n + 1;
    }
    tide_buf_free(&part);
    if (rc < 0 || !(t->table = tide_buf_detach(&q)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    tide_buf_printf(&q, "tide:%s", t->mc->table_name);
    t->lock_key = tide_buf_detach(&q);
    tide_buf_printf(&q, "%s_lock", t->mc->table_name);
    t->lease_name = tide_buf_detach(&q);
    return t->lock_key && t->lease_name ? 0 : tide_err_set(err, TIDE_ENOMEM, "out of memory");
}

/* Connects, wraps opts->conn, or takes a Lua caller's handle (argument 3),
 * and anchors the handle m.db will be, and m.config.  [-3, +0, e] */
static int open_conn_p(lua_State *L)
{
    tide *t = lua_touserdata(L, 1);
    tide_conn *borrowed = lua_touserdata(L, 2);
    if (!lua_isnil(L, 3))
        lua_pushvalue(L, 3);
    else if (borrowed)
        tide_runtime_push_borrowed_conn(L, borrowed);
    else {
        tide_runtime_push_conn(L, t->cfg.url);
        t->owns_conn = 1;
    }
    t->conn = tide_runtime_conn_of(L, -1);
    t->conn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    tide_config_push(L, &t->cfg);
    t->config_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

static int open_connection(tide *t, tide_conn *borrowed, int conn_idx, tide_err *err)
{
    lua_State *L = t->L;
    if (conn_idx)
        conn_idx = lua_absindex(L, conn_idx);
    lua_pushcfunction(L, open_conn_p);
    lua_pushlightuserdata(L, t);
    lua_pushlightuserdata(L, borrowed);
    if (conn_idx)
        lua_pushvalue(L, conn_idx);
    else
        lua_pushnil(L);
    if (tide_runtime_pcall(L, 3, 0, err) < 0)
        return err->code;
    if (!t->conn)
        return tide_err_set(err, TIDE_ECLOSED, "the database handle given to tide.open is closed");
    return 0;
}

/* opts->offline_ok and the database is unreachable: an empty in-memory
 * database stands in, so that commands reading only files still work. */
static int open_offline(tide *t, tide_err *err)
{
    char *url = t->cfg.url;
    int rc;
    if (!(t->offline = tide_strdup(err->msg)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    t->cfg.url = "sqlite::memory:";
    rc = open_connection(t, NULL, 0, err);
    t->cfg.url = url;
    return rc;
}

const char *tide_offline(const tide *t) { return t->offline; }

const tide_driver *tide__driver(const tide *t)
{
    const tide_driver *drv = t->offline ? tide_driver_for_url(t->cfg.url) : NULL;
    return drv ? drv : tide_conn__driver(t->conn);
}

/* ---- before connecting: what the command needs, what it may create ---- */

/* The folders opts->needs names, checked before the connection is opened
 * so that a command failing on its configuration writes nothing. */
static int check_needs(tide *t, unsigned needs, tide_err *err)
{
    static const tide_dir_query mig = { "migrations folder", "migrations.path", NULL, 1, NULL, NULL };
    static const tide_dir_query sch = { "schema folder", "schema", NULL, 0, NULL, NULL };
    char **dirs = t->cfg.schema;
    int n = t->cfg.nschema, i, rc = 0;
    struct stat st;
    if ((needs & TIDE_NEEDS_MIGRATIONS) && t->mc->list_ref == LUA_NOREF &&
        (rc = tide_dir_check(t->mc->path, &mig, err)) < 0)
        return rc;
    for (i = 0; t->module && t->module[0] && i < t->cfg.nmodules; i++)
        if (!strcmp(t->cfg.modules[i].name, t->module)) {
            dirs = t->cfg.modules[i].schema;
            n = t->cfg.modules[i].nschema;
        }
    for (i = 0; (needs & TIDE_NEEDS_SCHEMA) && i < n; i++)
        if ((rc = tide_dir_check(dirs[i], &sch, err)) < 0)
            return rc;
    if ((needs & TIDE_NEEDS_SEEDERS) && (stat(t->cfg.seeder_path, &st) < 0 || !S_ISDIR(st.st_mode)))
        return tide_err_set(err, TIDE_ECONFIG, "seeders folder '%s' does not exist (create it with "
                            "tide seeder:create NAME, or set seeder.path)", t->cfg.seeder_path);
    return 0;
}

static int parent_exists(const char *path)
{
    const char *slash = strrchr(path, '/');
    struct stat st;
    char dir[4096];
    if (!slash || slash == path)
        return 1;
    if ((size_t)(slash - path) >= sizeof dir)
        return 0;
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

/* opts->read_only and the URL names a file that does not exist: 1 after
 * opening an empty in-memory database of the same driver in its place (the
 * configuration keeps the real URL), 0 when the file is there (or the URL
 * names none), or a negative code. */
static int open_absent(tide *t, tide_err *err)
{
    const tide_driver *drv = tide_driver_for_url(t->cfg.url);
    tide_url u;
    tide_buf mem = TIDE_BUF_INIT;
    char *url = t->cfg.url;
    struct stat st;
    int rc, absent;
    if (!drv || drv->url_form != TIDE_URL_PATH)
        return 0;
    if (tide_url_parse(&u, url, err) < 0)
        return 0;                           /* connecting says what is wrong with it */
    absent = u.path && strcmp(u.path, ":memory:") && stat(u.path, &st) < 0 && errno == ENOENT &&
             parent_exists(u.path);         /* else connecting says which folder is missing */
    if (absent && tide_buf_printf(&mem, "%s::memory:", u.scheme) < 0)
        absent = -1;
    tide_url_free(&u);
    if (absent <= 0) {
        tide_buf_free(&mem);
        return absent < 0 ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : 0;
    }
    t->cfg.url = mem.data;
    rc = open_connection(t, NULL, 0, err);
    t->cfg.url = url;
    tide_buf_free(&mem);
    return rc < 0 ? rc : 1;
}

/* A handle on opts->L, reporting as opts says, not open yet; NULL when out
 * of memory. */
static tide *new_handle(const tide_options *opts)
{
    tide *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->L = opts->L;
    t->conn_ref = t->config_ref = LUA_NOREF;
    t->on_event = opts->on_event;
    t->event_ud = opts->event_ud;
    t->ask = opts->ask;
    t->handle_signals = opts->handle_signals;
    if (opts->schema && !(t->only_schema = tide_strdup(opts->schema))) {
        free(t);
        return NULL;
    }
    return t;
}

int tide__open(tide **out, const tide_options *opts, int owns_L, int config_idx, int conn_idx,
               tide_err *err)
{
    static const tide_options none;
    tide_config_flags flags;
    tide *t;
    int rc;
    *out = NULL;
    if (!opts)
        opts = &none;
    if (!opts->L)
        return tide_err_set(err, TIDE_EINVAL, "a project is opened in a Lua state");
    if (!(t = new_handle(opts))) {
        if (owns_L)
            lua_close(opts->L);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    t->owns_L = owns_L;
    flags.config_file = opts->config_file;
    flags.url = opts->url;
    flags.verbose = opts->verbose;
    rc = config_idx ? tide_config_load_table(&t->cfg, t->L, config_idx, &flags, err)
                    : tide_config_load(&t->cfg, t->L, &flags, err);
    if (rc < 0 || (rc = pick_module(t, opts->module, err)) < 0)
        goto fail;
    t->verbose = t->cfg.verbose;
    t->no_drop = opts->no_drop || t->mc->no_drop;
    t->column_order = opts->column_order;
    if ((rc = check_needs(t, opts->needs, err)) < 0)
        goto fail;
    rc = opts->read_only && !opts->conn && !conn_idx ? open_absent(t, err) : 0;
    if (rc == 0)
        rc = open_connection(t, opts->conn, conn_idx, err);
    else if (rc > 0)
        rc = 0;
    if (rc == TIDE_ECONNECT && opts->offline_ok && !opts->conn && !conn_idx)
        rc = open_offline(t, err);
    if (rc < 0 || (rc = name_table(t, err)) < 0)
        goto fail;
    if (t->verbose)
        tide_conn_set_trace(t->conn, trace_sql, t);
    *out = t;
    return 0;
fail:
    tide_close(t);
    return rc;
}

int tide__open_module(tide **out, tide *project, const char *module, tide_err *err)
{
    tide_options how;
    tide *t;
    int rc;
    *out = NULL;
    memset(&how, 0, sizeof how);
    how.L = project->L;
    how.on_event = project->on_event;
    how.event_ud = project->event_ud;
    how.ask = project->ask;
    how.handle_signals = project->handle_signals;
    how.schema = project->only_schema;
    if (!(t = new_handle(&how)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    t->cfg = project->cfg;                  /* borrowed: project outlives t */
    t->project = project;
    t->verbose = project->verbose;
    if (project->offline && !(t->offline = tide_strdup(project->offline)))
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    else if ((rc = pick_module(t, module, err)) == 0 && (rc = open_connection(t, project->conn, 0, err)) == 0)
        rc = name_table(t, err);
    if (rc < 0) {
        tide_close(t);
        return rc;
    }
    t->no_drop = project->no_drop || t->mc->no_drop;
    t->column_order = project->column_order;
    if (t->verbose)
        tide_conn_set_trace(t->conn, trace_sql, t);
    *out = t;
    return 0;
}

int tide__column_rebuild(const tide *t, const tide_driver *drv)
{
    if (!drv || !tide_driver_can(drv, TIDE_CAP_COLUMNS_APPENDED))
        return 0;
    return t->column_order ? t->column_order == 2 : t->mc->column_rebuild;
}

void tide_close(tide *t)
{
    if (!t)
        return;
    if (t->L) {
        if (t->conn)                        /* a module's handle gives the project its trace back */
            tide_conn_set_trace(t->conn, t->project && t->project->verbose ? trace_sql : NULL,
                                t->project && t->project->verbose ? t->project : NULL);
        if (t->conn_ref != LUA_NOREF) {
            if (t->owns_conn) {
                lua_rawgeti(t->L, LUA_REGISTRYINDEX, t->conn_ref);
                tide_runtime_release_conn(t->L, -1);
                lua_pop(t->L, 1);
            }
            luaL_unref(t->L, LUA_REGISTRYINDEX, t->conn_ref);
        }
        luaL_unref(t->L, LUA_REGISTRYINDEX, t->config_ref);
        if (!t->project)
            tide_config_free(&t->cfg, t->L);
        if (t->owns_L)
            lua_close(t->L);
    }
    free(t->module);
    free(t->only_schema);
    free(t->offline);
    free(t->table);
    free(t->lock_key);
    free(t->lease_name);
    free(t);
}

tide_conn *tide_connection(tide *t) { return t->conn; }

int tide__live_schema(tide *t, const char **names, int n, tide_schema **out, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(t->conn);
    const char *exclude[1] = { t->mc->table_name };
    tide_introspect_opts o;
    int rc;
    if (!drv->introspect)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot read a live schema", drv->name);
    if (!(*out = tide_schema_new()))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    memset(&o, 0, sizeof o);
    o.schemas = names;
    o.nschemas = n;
    o.exclude = exclude;
    o.nexclude = 1;
    if ((rc = drv->introspect(tide_conn__dconn(t->conn), &o, *out, err)) == 0)
        rc = tide_schema_finish(*out, err);
    if (rc < 0) {
        tide_schema_free(*out);
        *out = NULL;
    }
    return rc;
}

void tide__report_unmodelled(tide *t, const tide_schema *s)
{
    char msg[700];
    int i;
    for (i = 0; s && i < s->nunmodelled; i++) {
        snprintf(msg, sizeof msg, "the database holds what tide does not carry: %s (write it in a "
                 "migration, m:execute)", s->unmodelled[i]);
        tide__emit(t, TIDE_EV_WARNING, NULL, msg, 0, 0);
    }
}

/* ---- executing a list of statements ------------------------------------- */

static int run_entry(tide_conn *conn, const tide_sql_list *sql, int i, tide_sql_list *saved, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(conn);
    int j, rc = 0;
    if (!sql->kinds || sql->kinds[i] == TIDE_SQL_STATEMENT)
        return tide_conn_script(conn, sql->items[i], err);
    if (!drv->triggers)
        return tide_err_set(err, TIDE_EINVAL, "the %s driver cannot keep triggers", drv->name);
    if (sql->kinds[i] == TIDE_SQL_SAVE_TRIGGERS) {
        tide_sql_list_free(saved);
        return drv->triggers(tide_conn__dconn(conn), sql->items[i], saved, err);
    }
    for (j = 0; j < saved->n && rc == 0; j++)
        rc = tide_conn_script(conn, saved->items[j], err);
    return rc;
}

/* With migrations.disableForeignKeys, foreign keys are off around the
 * transaction and checked before commit, as for migrations. */
int tide__run_sql_on(tide *t, tide_conn *conn, const tide_sql_list *sql, tide_err *err)
{
    const tide_driver *drv = tide_conn__driver(conn);
    tide_dconn *d = tide_conn__dconn(conn);
    tide_sql_list saved = { NULL, NULL, 0 };
    tide_err ignored;
    int rc, i, fk_off = 0;
    if (sql->n == 0)
        return 0;
    if (t->mc->disable_foreign_keys && tide_conn_txdepth(conn) == 0 &&
        (rc = drv->fk_disable(d, &fk_off, err)) < 0)
        return rc;
    if ((rc = tide_conn_begin(conn, err)) == 0) {
        for (i = 0; i < sql->n && rc == 0; i++)
            rc = run_entry(conn, sql, i, &saved, err);
        if (rc == 0 && fk_off)
            rc = drv->fk_check(d, err);
        if (rc == 0)
            rc = tide_conn_commit(conn, err);
        else
            tide_conn_rollback(conn, &ignored);
    }
    if (fk_off && drv->fk_enable(d, rc < 0 ? &ignored : err) < 0 && rc == 0)
        rc = err->code;
    tide_sql_list_free(&saved);
    return rc;
}

int tide__run_sql(tide *t, const tide_sql_list *sql, tide_err *err)
{
    return tide__run_sql_on(t, t->conn, sql, err);
}

int tide__sql_text(const tide_sql_list *sql, char **out, tide_err *err)
{
    tide_buf b = TIDE_BUF_INIT;
    int i;
    for (i = 0; i < sql->n; i++)
        if ((sql->kinds && sql->kinds[i] != TIDE_SQL_STATEMENT
             ? tide_buf_printf(&b, "-- (the triggers of %s are %s)\n", sql->items[i],
                               sql->kinds[i] == TIDE_SQL_SAVE_TRIGGERS ? "read before its rebuild"
                                                                      : "created again after it")
             : tide_buf_printf(&b, "%s;\n", sql->items[i])) < 0) {
            tide_buf_free(&b);
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        }
    *out = tide_buf_detach(&b);
    return 0;
}

