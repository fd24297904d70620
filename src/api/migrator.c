/* migrator.c — the runner for Lua: tide.core.open(config [, db]) returns a
 * tide.Migrator with up, down, pending, executed, validate, resolve, log,
 * unlog, createBlank, createMigration, test, lint, the schema:* methods,
 * seed, the db:* module methods (generateModules, migrateModules,
 * rollbackModules) and close, and the fields db and config: the same operations the CLI and
 * tide.h offer, with errors raised as tide.Error objects. */
#include "api/module.h"
#include "lua/runtime.h"
#include "runner/runner.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATOR_MT "tide.Migrator"

typedef struct LMigrator {
    tide *t;              /* NULL once closed */
    lua_State *L;         /* the thread of the call in progress, for events */
    int handler;          /* registry ref of onEvent, or LUA_NOREF */
} LMigrator;

static LMigrator *check_migrator(lua_State *L)
{
    LMigrator *m = luaL_checkudata(L, 1, MIGRATOR_MT);
    if (!m->t)
        luaL_error(L, "attempt to use a closed migrator (it was closed with :close())");
    m->L = L;
    return m;
}

static const char *event_kind(tide_event_kind k)
{
    switch (k) {
    case TIDE_EV_MIGRATING: return "migrating";
    case TIDE_EV_MIGRATED:  return "migrated";
    case TIDE_EV_SQL:       return "sql";
    case TIDE_EV_LOG:       return "log";
    case TIDE_EV_WARNING:   return "warning";
    default:                return "progress";
    }
}

static int call_handler_p(lua_State *L)
{
    const tide_event *ev = lua_touserdata(L, 2);
    lua_settop(L, 1);
    lua_createtable(L, 0, 8);
    lua_pushstring(L, event_kind(ev->kind)); lua_setfield(L, -2, "kind");
    lua_pushstring(L, ev->module); lua_setfield(L, -2, "module");
    if (ev->name) { lua_pushstring(L, ev->name); lua_setfield(L, -2, "name"); }
    if (ev->text) { lua_pushstring(L, ev->text); lua_setfield(L, -2, "text"); }
    lua_pushboolean(L, ev->down); lua_setfield(L, -2, "down");
    lua_pushnumber(L, ev->duration_ms); lua_setfield(L, -2, "duration_ms");
    if (ev->kind == TIDE_EV_PROGRESS) {
        lua_pushinteger(L, ev->done); lua_setfield(L, -2, "done");
        lua_pushinteger(L, ev->total); lua_setfield(L, -2, "total");
    }
    lua_call(L, 1, 0);
    return 0;
}

/* Events go to the migrator's onEvent function when it has one; otherwise
 * warnings and m:log lines go to stderr. */
static void on_event(void *ud, const tide_event *ev)
{
    LMigrator *m = ud;
    lua_State *L = m->L;
    int top = lua_gettop(L);
    /* events arrive from inside migrations, so the handler is found through
     * the registry, never through a stack slot of some C frame */
    if (m->handler != LUA_NOREF) {
        lua_pushcfunction(L, call_handler_p);
        lua_rawgeti(L, LUA_REGISTRYINDEX, m->handler);
        lua_pushlightuserdata(L, (void *)ev);
        if (lua_pcall(L, 2, 0, 0) != LUA_OK)
            fprintf(stderr, "tide: the onEvent handler failed: %s\n", lua_tostring(L, -1));
    } else if (ev->kind == TIDE_EV_WARNING) {
        fprintf(stderr, "tide: warning: %s\n", ev->text);
    } else if (ev->kind == TIDE_EV_LOG) {
        fprintf(stderr, "%s: %s\n", ev->name ? ev->name : "tide", ev->text);
    }
    lua_settop(L, top);
}

/* tide.core.open(config_table_or_file [, db]) -> migrator   [-0, +1, e] */
static int core_open(lua_State *L)
{
    tide_options opts;
    tide_err err;
    LMigrator *m;
    int config_idx = 0, conn_idx = 0;
    memset(&opts, 0, sizeof opts);
    if (lua_type(L, 1) == LUA_TSTRING)
        opts.config_file = lua_tostring(L, 1);
    else if (lua_type(L, 1) == LUA_TTABLE)
        config_idx = 1;
    else if (!lua_isnoneornil(L, 1))
        return luaL_argerror(L, 1, "a configuration table or the path of a tide.lua");
    if (!lua_isnoneornil(L, 2)) {
        if (!tide_runtime_conn_of(L, 2))
            return luaL_argerror(L, 2, "an open database handle (tide.connect)");
        conn_idx = 2;
    }
    if (config_idx) {
        lua_getfield(L, config_idx, "module");
        opts.module = lua_tostring(L, -1);    /* anchored by the table */
        lua_pop(L, 1);
    }
    m = lua_newuserdatauv(L, sizeof *m, 0);   /* closed before the resource */
    memset(m, 0, sizeof *m);
    m->handler = LUA_NOREF;
    luaL_setmetatable(L, MIGRATOR_MT);
    m->L = L;
    opts.L = L;
    opts.on_event = on_event;
    opts.event_ud = m;
    tide_err_clear(&err);
    if (tide__open(&m->t, &opts, 0, config_idx, conn_idx, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 1;
}

void tide_runtime_push_status_list(lua_State *L, const tide_status_list *l)
{
    int i;
    lua_createtable(L, l->n, 0);
    tide_runtime_mark_array(L, -1);
    for (i = 0; i < l->n; i++) {
        const tide_migration_status *s = &l->items[i];
        lua_createtable(L, 0, 7);
        lua_pushstring(L, s->name); lua_setfield(L, -2, "name");
        lua_pushstring(L, s->module); lua_setfield(L, -2, "module");
        lua_pushstring(L, s->status); lua_setfield(L, -2, "status");
        if (s->executed_at) { lua_pushstring(L, s->executed_at); lua_setfield(L, -2, "executed_at"); }
        if (s->checksum) { lua_pushstring(L, s->checksum); lua_setfield(L, -2, "checksum"); }
        lua_pushinteger(L, s->duration_ms); lua_setfield(L, -2, "duration_ms");
        if (s->changed) { lua_pushboolean(L, 1); lua_setfield(L, -2, "changed"); }
        if (s->missing) { lua_pushboolean(L, 1); lua_setfield(L, -2, "missing"); }
        lua_rawseti(L, -2, i + 1);
    }
}

/* The list is owned by a userdata while Lua tables are built from it, so a
 * memory error cannot leak it.   [-0, +1, e] */
static int list_gc(lua_State *L)
{
    tide_status_list_free(lua_touserdata(L, 1));
    return 0;
}

/* A zeroed userdata of size bytes whose metatable mt frees what it holds
 * with gc: a C result filled in it cannot leak while Lua tables are built
 * from it.   [-0, +1, m] */
static void *new_owner(lua_State *L, size_t size, const char *mt, lua_CFunction gc)
{
    void *p = lua_newuserdatauv(L, size, 0);
    memset(p, 0, size);
    if (luaL_newmetatable(L, mt)) {
        lua_pushcfunction(L, gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return p;
}

static tide_status_list *new_list(lua_State *L)
{
    return new_owner(L, sizeof(tide_status_list), "tide.StatusList", list_gc);
}

static const char *opt_name(lua_State *L, int idx, const char *key)
{
    const char *v;
    if (lua_type(L, idx) != LUA_TTABLE)
        return NULL;
    lua_getfield(L, idx, key);
    if (lua_type(L, -1) == LUA_TNUMBER && lua_tointeger(L, -1) == 0 && !strcmp(key, "to")) {
        lua_pop(L, 1);
        return "0";
    }
    v = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);   /* anchored by the table */
    lua_pop(L, 1);
    return v;
}

static int opt_flag(lua_State *L, int idx, const char *key)
{
    int v;
    if (lua_type(L, idx) != LUA_TTABLE)
        return 0;
    lua_getfield(L, idx, key);
    v = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* mig:up{from=, to=, only=, dryRun=, allowOutOfOrder=} -> { {name=, duration_ms=}, ... } */
static int migrator_run(lua_State *L, int down)
{
    LMigrator *m = check_migrator(L);
    tide_run_options o;
    tide_status_list *done;
    tide_err err;
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    memset(&o, 0, sizeof o);
    o.from = opt_name(L, 2, "from");
    o.to = opt_name(L, 2, "to");
    o.only = opt_name(L, 2, "only");
    o.dry_run = opt_flag(L, 2, "dryRun");
    o.allow_out_of_order = opt_flag(L, 2, "allowOutOfOrder");
    done = new_list(L);
    tide_err_clear(&err);
    if ((down ? tide_down : tide_up)(m->t, &o, done, &err) < 0)
        return tide_runtime_raise(L, &err);
    tide_runtime_push_status_list(L, done);
    return 1;
}

static int migrator_up(lua_State *L) { return migrator_run(L, 0); }
static int migrator_down(lua_State *L) { return migrator_run(L, 1); }

static int migrator_list(lua_State *L, int (*fn)(tide *, tide_status_list *, tide_err *))
{
    LMigrator *m = check_migrator(L);
    tide_status_list *l = new_list(L);
    tide_err err;
    tide_err_clear(&err);
    if (fn(m->t, l, &err) < 0)
        return tide_runtime_raise(L, &err);
    tide_runtime_push_status_list(L, l);
    return 1;
}

static int migrator_pending(lua_State *L) { return migrator_list(L, tide_pending); }
static int migrator_executed(lua_State *L) { return migrator_list(L, tide_executed); }
static int migrator_validate(lua_State *L) { return migrator_list(L, tide_validate); }

static int migrator_named(lua_State *L, int (*fn)(tide *, const char *, tide_err *))
{
    LMigrator *m = check_migrator(L);
    const char *name = luaL_checkstring(L, 2);
    tide_err err;
    tide_err_clear(&err);
    if (fn(m->t, name, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}

static int migrator_log(lua_State *L) { return migrator_named(L, tide_log); }
static int migrator_unlog(lua_State *L) { return migrator_named(L, tide_unlog); }

/* mig:resolve(name, "applied" | "rolled-back")   [-0, +0, e] */
static int migrator_resolve(lua_State *L)
{
    static const char *const how[] = { "rolled-back", "applied", NULL };
    LMigrator *m = check_migrator(L);
    const char *name = luaL_checkstring(L, 2);
    int applied = luaL_checkoption(L, 3, NULL, how);
    tide_err err;
    tide_err_clear(&err);
    if (tide_resolve(m->t, name, applied, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}

/* mig:createBlank([label]) -> path   [-0, +1, e] */
static int migrator_create_blank(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    const char *label = luaL_optstring(L, 2, NULL);
    char *path = NULL;
    tide_err err;
    tide_err_clear(&err);
    if (tide_create_blank(m->t, label, &path, &err) < 0)
        return tide_runtime_raise(L, &err);
    {
        tide_buf b = TIDE_BUF_INIT;
        b.data = path;
        b.len = b.cap = strlen(path);
        return tide_runtime_push_free(L, &b);
    }
}

/* mig:createMigration{name=, blank=, initial=, dump=} -> path, or the SQL
 * with dump, or nil when the definitions match the snapshot   [-0, +1, e] */
static int migrator_create_migration(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_create_options o;
    char *path = NULL, *sql = NULL;
    tide_err err;
    tide_buf b = TIDE_BUF_INIT;
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TTABLE);
    memset(&o, 0, sizeof o);
    o.name = opt_name(L, 2, "name");
    o.blank = opt_flag(L, 2, "blank");
    o.initial = opt_flag(L, 2, "initial");
    o.dump = opt_flag(L, 2, "dump");
    tide_err_clear(&err);
    if (tide_create_migration(m->t, &o, &path, &sql, &err) < 0)
        return tide_runtime_raise(L, &err);
    if (!path && !sql) {
        lua_pushnil(L);
        return 1;
    }
    b.data = path ? path : sql;           /* pushed, then freed, even on a memory error */
    b.len = b.cap = strlen(b.data);
    free(path ? sql : NULL);
    return tide_runtime_push_free(L, &b);
}

void tide_runtime_push_test_report(lua_State *L, const tide_test_report *r)
{
    int i;
    lua_createtable(L, 0, 5);
    lua_pushboolean(L, r->n == 0);
    lua_setfield(L, -2, "ok");
    lua_pushinteger(L, r->migrations);
    lua_setfield(L, -2, "migrations");
    lua_pushboolean(L, r->snapshot_checked);
    lua_setfield(L, -2, "snapshotChecked");
    lua_pushstring(L, r->scratch ? r->scratch : "");
    lua_setfield(L, -2, "scratch");
    lua_createtable(L, r->n, 0);
    lua_createtable(L, 0, 1);                 /* empty, it is still a list in JSON */
    lua_pushliteral(L, "array");
    lua_setfield(L, -2, "__jsontype");
    lua_setmetatable(L, -2);
    for (i = 0; i < r->n; i++) {
        lua_createtable(L, 0, 3);
        if (r->items[i].migration) {
            lua_pushstring(L, r->items[i].migration);
            lua_setfield(L, -2, "migration");
        }
        lua_pushstring(L, r->items[i].step);
        lua_setfield(L, -2, "step");
        lua_pushstring(L, r->items[i].message);
        lua_setfield(L, -2, "message");
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "problems");
}

static int test_report_gc(lua_State *L)
{
    tide_test_report_free(lua_touserdata(L, 1));
    return 0;
}

/* mig:test() -> report (see tide_runtime_push_test_report); problems are
 * in the report, only a test that cannot run raises   [-0, +1, e] */
static int migrator_test(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_test_report *r = new_owner(L, sizeof *r, "tide.TestReport", test_report_gc);
    tide_err err;
    tide_err_clear(&err);
    if (tide_migration_test(m->t, r, &err) < 0)
        return tide_runtime_raise(L, &err);
    tide_runtime_push_test_report(L, r);
    return 1;
}

/* mig:checkMigrationNeeded() -> boolean   [-0, +1, e] */
static int migrator_check_migration(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_err err;
    int needed;
    tide_err_clear(&err);
    if (tide_check_migration(m->t, &needed, &err) < 0)
        return tide_runtime_raise(L, &err);
    lua_pushboolean(L, needed);
    return 1;
}

static const char *const severity_names[] = { "info", "warning", "error" };

void tide_runtime_push_lint_report(lua_State *L, const tide_lint_report *r)
{
    int i;
    lua_createtable(L, r->n, 0);
    tide_runtime_mark_array(L, -1);
    for (i = 0; i < r->n; i++) {
        const tide_lint_finding *f = &r->items[i];
        lua_createtable(L, 0, 7);
        lua_pushstring(L, f->migration); lua_setfield(L, -2, "migration");
        lua_pushinteger(L, f->statement); lua_setfield(L, -2, "statement");
        lua_pushstring(L, f->sql); lua_setfield(L, -2, "sql");
        lua_pushstring(L, f->rule); lua_setfield(L, -2, "rule");
        lua_pushstring(L, severity_names[f->severity]); lua_setfield(L, -2, "severity");
        lua_pushstring(L, f->message); lua_setfield(L, -2, "message");
        lua_pushstring(L, f->fix); lua_setfield(L, -2, "fix");
        lua_rawseti(L, -2, i + 1);
    }
}

static int push_lint_report_p(lua_State *L)
{
    tide_runtime_push_lint_report(L, lua_touserdata(L, 1));
    return 1;
}

/* mig:lint{ names = {...}, all = bool } -> findings   [-0, +1, e] */
static int migrator_lint(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_lint_options o;
    tide_lint_report report;
    tide_err err;
    const char **names = NULL;
    int st;
    memset(&o, 0, sizeof o);
    if (lua_type(L, 2) == LUA_TTABLE) {
        o.all = opt_flag(L, 2, "all");
        if (lua_getfield(L, 2, "names") == LUA_TTABLE) {  /* anchored in slot 3 */
            int i, n = (int)luaL_len(L, 3);
            names = lua_newuserdatauv(L, sizeof *names * (size_t)(n ? n : 1), 0);
            for (i = 1; i <= n; i++) {
                if (lua_rawgeti(L, 3, i) != LUA_TSTRING)
                    return luaL_error(L, "lint: names[%d] must be a migration name (a string)", i);
                names[i - 1] = lua_tostring(L, -1);
                lua_pop(L, 1);
            }
            o.names = names;
            o.nnames = n;
        }
    }
    tide_err_clear(&err);
    if (tide_lint(m->t, &o, &report, &err) < 0)
        return tide_runtime_raise(L, &err);
    lua_pushcfunction(L, push_lint_report_p);
    lua_pushlightuserdata(L, &report);
    st = lua_pcall(L, 1, 1, 0);
    tide_lint_report_free(&report);
    return st == LUA_OK ? 1 : lua_error(L);
}

/* mig:seed([name]) -> the seeder that ran: name, or seeder.defaultSeeder
 * (seeder:run --class NAME)   [-0, +1, e] */
static int migrator_seed(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    const char *name = luaL_optstring(L, 2, NULL);
    tide_err err;
    tide_err_clear(&err);
    if (tide_seed(m->t, name, &err) < 0)
        return tide_runtime_raise(L, &err);
    lua_pushstring(L, tide_seeder_name(m->t, name));
    return 1;
}

/* ---- modules: Medusa's db:* ------------------------------------------ */

void tide_runtime_push_module_report(lua_State *L, const tide_module_report *r, const char *done_key)
{
    int i;
    lua_createtable(L, r->n, 0);
    for (i = 0; i < r->n; i++) {
        const tide_module_result *m = &r->items[i];
        lua_createtable(L, 0, 3);
        lua_pushstring(L, m->module);
        lua_setfield(L, -2, "module");
        if (done_key) {
            tide_runtime_push_status_list(L, &m->done);
            lua_setfield(L, -2, done_key);
        } else {
            if (m->path) { lua_pushstring(L, m->path); lua_setfield(L, -2, "path"); }
            lua_pushboolean(L, m->path != NULL);
            lua_setfield(L, -2, "changes");
        }
        lua_rawseti(L, -2, i + 1);
    }
}

static int module_report_gc(lua_State *L)
{
    tide_module_report_free(lua_touserdata(L, 1));
    return 0;
}

/* The module names at idx (a list of strings, or nil: none) in a userdata
 * pushed on the stack, which anchors them.   [-0, +1, e] */
static const char **module_names(lua_State *L, int idx, int *n)
{
    const char **names;
    int i;
    *n = lua_isnoneornil(L, idx) ? 0 : (luaL_checktype(L, idx, LUA_TTABLE), (int)luaL_len(L, idx));
    names = lua_newuserdatauv(L, sizeof *names * (size_t)(*n ? *n : 1), 0);
    for (i = 1; i <= *n; i++) {
        if (lua_rawgeti(L, idx, i) != LUA_TSTRING)
            luaL_error(L, "modules[%d] must be a module name (a string)", i);
        names[i - 1] = lua_tostring(L, -1);     /* anchored by the table */
        lua_pop(L, 1);
    }
    return names;
}

/* mig:{generate,migrate,rollback}Modules([names]) -> { {module=, ...}, ... };
 * a failure raises, naming the module.   [-0, +1, e] */
static int migrator_modules(lua_State *L, int (*fn)(tide *, const tide_modules_options *,
                            tide_module_report *, tide_err *), const char *done_key)
{
    LMigrator *m = check_migrator(L);
    tide_modules_options o;
    tide_module_report *r;
    tide_err err;
    memset(&o, 0, sizeof o);
    o.names = module_names(L, 2, &o.nnames);
    r = new_owner(L, sizeof *r, "tide.ModuleReport", module_report_gc);
    tide_err_clear(&err);
    if (fn(m->t, &o, r, &err) < 0) {
        char before[160];
        snprintf(before, sizeof before, "%s%.100s failed: ", r->failed && *r->failed ? "module " : "",
                 !r->failed ? "" : *r->failed ? r->failed : "the project's own migrations");
        if (r->failed)
            tide_err_wrap(&err, before, "");
        return tide_runtime_raise(L, &err);
    }
    tide_runtime_push_module_report(L, r, done_key);
    return 1;
}

static int migrator_generate_modules(lua_State *L) { return migrator_modules(L, tide_modules_generate, NULL); }
static int migrator_migrate_modules(lua_State *L) { return migrator_modules(L, tide_modules_migrate, "applied"); }
static int migrator_rollback_modules(lua_State *L) { return migrator_modules(L, tide_modules_rollback, "reverted"); }

/* The options of the schema:* methods: { safe=, dropTables= }. */
static void schema_options(lua_State *L, int idx, tide_schema_options *o)
{
    memset(o, 0, sizeof *o);
    if (lua_type(L, idx) != LUA_TTABLE)
        return;
    o->safe = opt_flag(L, idx, "safe");
    lua_getfield(L, idx, "dropTables");
    o->no_drop_tables = lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
}

/* mig:get{Create,Update,Drop}SchemaSQL([opts]) -> sql   [-0, +1, e] */
static int schema_sql(lua_State *L, tide_schema_action action)
{
    LMigrator *m = check_migrator(L);
    tide_schema_options o;
    tide_buf b = TIDE_BUF_INIT;
    char *sql = NULL;
    tide_err err;
    schema_options(L, 2, &o);
    tide_err_clear(&err);
    if (tide_schema_sql(m->t, action, &o, &sql, &err) < 0)
        return tide_runtime_raise(L, &err);
    b.data = sql;
    b.len = b.cap = sql ? strlen(sql) : 0;
    return tide_runtime_push_free(L, &b);
}

/* mig:{create,update,drop}Schema([opts])   [-0, +0, e] */
static int schema_run(lua_State *L, tide_schema_action action)
{
    LMigrator *m = check_migrator(L);
    tide_schema_options o;
    tide_err err;
    schema_options(L, 2, &o);
    tide_err_clear(&err);
    if (tide_schema_run(m->t, action, &o, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}

static int migrator_get_create_sql(lua_State *L) { return schema_sql(L, TIDE_SCHEMA_CREATE); }
static int migrator_get_update_sql(lua_State *L) { return schema_sql(L, TIDE_SCHEMA_UPDATE); }
static int migrator_get_drop_sql(lua_State *L) { return schema_sql(L, TIDE_SCHEMA_DROP); }
static int migrator_create_schema(lua_State *L) { return schema_run(L, TIDE_SCHEMA_CREATE); }
static int migrator_update_schema(lua_State *L) { return schema_run(L, TIDE_SCHEMA_UPDATE); }
static int migrator_drop_schema(lua_State *L) { return schema_run(L, TIDE_SCHEMA_DROP); }

/* mig:refreshDatabase(): everything tide covers dropped, the definitions created */
static int migrator_refresh(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_err err;
    tide_err_clear(&err);
    if (tide_refresh_database(m->t, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}

/* mig:clearDatabase(): every row of the definitions' tables deleted */
static int migrator_clear(lua_State *L)
{
    LMigrator *m = check_migrator(L);
    tide_err err;
    tide_err_clear(&err);
    if (tide_clear_database(m->t, &err) < 0)
        return tide_runtime_raise(L, &err);
    return 0;
}

static int migrator_close(lua_State *L)
{
    LMigrator *m = luaL_checkudata(L, 1, MIGRATOR_MT);
    m->L = L;
    tide_close(m->t);
    m->t = NULL;
    luaL_unref(L, LUA_REGISTRYINDEX, m->handler);
    m->handler = LUA_NOREF;
    return 0;
}

/* mig.onEvent = function(ev) ... end; mig.db, mig.closed; then methods */
static int migrator_newindex(lua_State *L)
{
    LMigrator *m = luaL_checkudata(L, 1, MIGRATOR_MT);
    luaL_argcheck(L, !strcmp(luaL_checkstring(L, 2), "onEvent"), 2, "only onEvent can be set");
    if (!lua_isnil(L, 3))
        luaL_checktype(L, 3, LUA_TFUNCTION);
    lua_settop(L, 3);
    luaL_unref(L, LUA_REGISTRYINDEX, m->handler);
    m->handler = lua_isnil(L, 3) ? LUA_NOREF : luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

static int migrator_index(lua_State *L)
{
    LMigrator *m = luaL_checkudata(L, 1, MIGRATOR_MT);
    const char *k = luaL_checkstring(L, 2);
    if (!strcmp(k, "closed")) {
        lua_pushboolean(L, m->t == NULL);
        return 1;
    }
    if (!strcmp(k, "onEvent")) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, m->handler);
        return 1;
    }
    if (!strcmp(k, "db") && m->t) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, m->t->conn_ref);
        return 1;
    }
    if (!strcmp(k, "config") && m->t) {     /* the resolved configuration, url masked */
        lua_rawgeti(L, LUA_REGISTRYINDEX, m->t->config_ref);
        return 1;
    }
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "methods");
    lua_getfield(L, -1, k);
    return 1;
}

static const luaL_Reg migrator_methods[] = {
    {"up", migrator_up}, {"down", migrator_down}, {"pending", migrator_pending},
    {"executed", migrator_executed}, {"validate", migrator_validate},
    {"resolve", migrator_resolve}, {"log", migrator_log}, {"unlog", migrator_unlog},
    {"createBlank", migrator_create_blank}, {"createMigration", migrator_create_migration},
    {"checkMigrationNeeded", migrator_check_migration}, {"test", migrator_test},
    {"getCreateSchemaSQL", migrator_get_create_sql}, {"getUpdateSchemaSQL", migrator_get_update_sql},
    {"getDropSchemaSQL", migrator_get_drop_sql}, {"createSchema", migrator_create_schema},
    {"updateSchema", migrator_update_schema}, {"dropSchema", migrator_drop_schema},
    {"refreshDatabase", migrator_refresh}, {"clearDatabase", migrator_clear},
    {"lint", migrator_lint},
    {"seed", migrator_seed},
    {"generateModules", migrator_generate_modules}, {"migrateModules", migrator_migrate_modules},
    {"rollbackModules", migrator_rollback_modules},
    {"close", migrator_close},
    {NULL, NULL}
};

void tide_runtime_open_runner(lua_State *L)
{
    tide_runtime_class(L, MIGRATOR_MT, migrator_index, migrator_close, migrator_methods);
    lua_pushcfunction(L, migrator_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pop(L, 1);
    lua_pushcfunction(L, core_open);
    lua_setfield(L, -2, "open");
}
