/* config.c — loading and validating tide.lua. The file is ordinary Lua run
 * in the runtime; its table is checked against the known keys below without
 * raising (every failure is a tide_err naming the key, and for a misspelt
 * key the closest known one). */
#include "project/config.h"
#include "lua/runtime.h"
#include "db/url.h"
#include "db/driver.h"
#include "core/buf.h"

#include <lauxlib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { K_STRING, K_BOOL, K_NUMBER, K_STRLIST, K_TABLE, K_LISTREF, K_DURATION, K_COUNT,
               K_RUNLOCK, K_COLORDER } key_type;

/* One known key: its name in tide.lua, its type, where it lands. */
typedef struct key_spec {
    const char *name;
    key_type type;
    size_t off;
} key_spec;

/* The longest time a number key may give: its milliseconds fit an int. */
#define TIDE_CONFIG_MAX_SECONDS 2000000

#define MOFF(f) offsetof(tide_migrations_config, f)
static const key_spec migration_keys[] = {
    {"path", K_STRING, MOFF(path)},
    {"tableName", K_STRING, MOFF(table_name)},
    {"pattern", K_STRING, MOFF(pattern)},
    {"transactional", K_BOOL, MOFF(transactional)},
    {"allOrNothing", K_BOOL, MOFF(all_or_nothing)},
    {"disableForeignKeys", K_BOOL, MOFF(disable_foreign_keys)},
    {"dropTables", K_BOOL, MOFF(drop_tables)},
    {"safe", K_BOOL, MOFF(safe)},
    {"noDrop", K_BOOL, MOFF(no_drop)},
    {"snapshot", K_BOOL, MOFF(snapshot)},
    {"snapshotName", K_STRING, MOFF(snapshot_name)},
    {"lockTimeout", K_NUMBER, MOFF(lock_timeout)},
    {"allowOutOfOrder", K_BOOL, MOFF(allow_out_of_order)},
    {"list", K_LISTREF, MOFF(list_ref)},
    {"lockWait", K_TABLE, MOFF(lock_wait)},
    {"statementTimeout", K_DURATION, MOFF(statement_timeout)},
    {"runLock", K_RUNLOCK, MOFF(run_lock)},
    {"leaseExpiry", K_DURATION, MOFF(lease_expiry)},
    {"columnOrder", K_COLORDER, MOFF(column_rebuild)},
    {NULL, 0, 0}
};

#define LWOFF(f) offsetof(tide_migrations_config, lock_wait.f) - offsetof(tide_migrations_config, lock_wait)
static const key_spec lock_wait_keys[] = {
    {"timeout", K_DURATION, LWOFF(timeout)},
    {"retries", K_COUNT, LWOFF(retries)},
    {"backoff", K_DURATION, LWOFF(backoff)},
    {NULL, 0, 0}
};

#define COFF(f) offsetof(tide_config, f)
static const key_spec top_keys[] = {
    {"url", K_STRING, COFF(url)},
    {"schema", K_STRLIST, COFF(schema)},
    {"migrations", K_TABLE, COFF(migrations)},
    {"seeder", K_TABLE, 0},
    {"modules", K_TABLE, COFF(modules)},
    {NULL, 0, 0}
};

static const key_spec seeder_keys[] = {
    {"path", K_STRING, COFF(seeder_path)},
    {"defaultSeeder", K_STRING, COFF(default_seeder)},
    {NULL, 0, 0}
};

#define MODOFF(f) offsetof(tide_module_config, f)
static const key_spec module_keys[] = {
    {"name", K_STRING, MODOFF(name)},
    {"schema", K_STRLIST, MODOFF(schema)},
    {"migrations", K_TABLE, MODOFF(migrations)},
    {NULL, 0, 0}
};

static int unknown_key(const char *file, const char *prefix, const char *key,
                       const key_spec *known, tide_err *err)
{
    const key_spec *k, *best = NULL;
    size_t bd = 99;
    tide_buf list = TIDE_BUF_INIT;
    int rc;
    for (k = known; k->name; k++) {
        size_t d = tide_edit_distance(key, k->name);
        if (d < bd) { bd = d; best = k; }
        tide_buf_printf(&list, "%s%s", k == known ? "" : ", ", k->name);
    }
    if (best && bd <= (strlen(best->name) > 6 ? 3u : 2u))
        rc = tide_err_set(err, TIDE_ECONFIG, "%s: unknown key '%s%s'; did you mean '%s%s'?",
                          file, prefix, key, prefix, best->name);
    else
        rc = tide_err_set(err, TIDE_ECONFIG, "%s: unknown key '%s%s' (known keys: %s)",
                          file, prefix, key, list.data ? list.data : "");
    tide_buf_free(&list);
    return rc;
}

static const char *type_word(key_type t)
{
    switch (t) {
    case K_STRING:  return "a string";
    case K_BOOL:    return "a boolean (true or false)";
    case K_NUMBER:  return "a number";
    case K_STRLIST: return "a string or a list of strings";
    case K_DURATION: return "a duration (\"2s\", \"500ms\", \"1m\" or a number of seconds)";
    case K_COUNT:   return "a whole number";
    case K_RUNLOCK: return "\"lease\" or \"session\"";
    case K_COLORDER: return "\"append\" or \"rebuild\"";
    default:        return "a table";
    }
}

static int wrong_type(lua_State *L, const char *file, const char *prefix, const key_spec *k, tide_err *err)
{
    return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be %s, not %s", file, prefix, k->name,
                        type_word(k->type), luaL_typename(L, -1));
}

/* Reads the string list at the top of the stack into *out and *n.  [-0, +0, -] */
static int read_strlist(lua_State *L, char ***out, int *n, const char *file, const char *prefix,
                        const key_spec *k, tide_err *err)
{
    int i, len;
    char **v;
    if (lua_type(L, -1) == LUA_TSTRING)
        len = 1;
    else if (lua_type(L, -1) == LUA_TTABLE)
        len = (int)lua_rawlen(L, -1);
    else
        return wrong_type(L, file, prefix, k, err);
    if (!(v = calloc((size_t)len + 1, sizeof *v)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < len; i++) {
        if (lua_type(L, -1) == LUA_TSTRING) {
            v[i] = tide_strdup(lua_tostring(L, -1));
        } else {
            lua_rawgeti(L, -1, i + 1);
            v[i] = lua_type(L, -1) == LUA_TSTRING ? tide_strdup(lua_tostring(L, -1)) : NULL;
            lua_pop(L, 1);
            if (!v[i]) {
                int bad = i + 1;
                while (i--) free(v[i]);
                free(v);
                return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s[%d]' must be a string", file, prefix, k->name, bad);
            }
        }
    }
    for (i = 0; i < *n; i++)
        free((*out)[i]);
    free(*out);
    *out = v;
    *n = len;
    return 0;
}

static int read_table(lua_State *L, void *dst, const key_spec *keys, const char *file,
                      const char *prefix, tide_err *err);

/* "2s", "500ms", "1.5m", "1h" or a number of seconds into *out; -1 when
 * it is none of these. */
static int parse_duration(lua_State *L, double *out)
{
    const char *s, *unit;
    char *end;
    double v, scale = -1;
    if (lua_type(L, -1) == LUA_TNUMBER) {
        *out = lua_tonumber(L, -1);
        return 0;
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        return -1;
    s = lua_tostring(L, -1);
    v = strtod(s, &end);
    if (end == s)
        return -1;
    unit = end;
    if (!strcmp(unit, "ms")) scale = 0.001;
    else if (!strcmp(unit, "s") || !*unit) scale = 1;
    else if (!strcmp(unit, "m") || !strcmp(unit, "min")) scale = 60;
    else if (!strcmp(unit, "h")) scale = 3600;
    if (scale < 0)
        return -1;
    *out = v * scale;
    return 0;
}

/* The run's keys: lockWait.*, statementTimeout, runLock, leaseExpiry. */
static int read_run_value(lua_State *L, void *dst, const key_spec *k, const char *file,
                          const char *prefix, tide_err *err)
{
    char *base = dst;
    double v;
    if (k->type == K_RUNLOCK) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        char **slot = (char **)(base + k->off);
        if (strcmp(s, "lease") && strcmp(s, "session"))
            return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be \"lease\" (a row in a lock "
                                "table, safe behind a pooler such as PgBouncer) or \"session\" (the "
                                "database's session lock)", file, prefix, k->name);
        free(*slot);
        return (*slot = tide_strdup(s)) ? 0 : tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    if (k->type == K_COUNT) {
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0 || lua_tointeger(L, -1) > 1000)
            return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be a whole number from 0 to 1000",
                                file, prefix, k->name);
        *(double *)(base + k->off) = (double)lua_tointeger(L, -1);
        return 0;
    }
    if (parse_duration(L, &v) < 0 || !(v >= 0 && v <= TIDE_CONFIG_MAX_SECONDS)) {
        char shown[64];
        snprintf(shown, sizeof shown, "%s", luaL_tolstring(L, -1, NULL));
        lua_pop(L, 1);
        return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be %s from 0 to %d s, not '%s'", file,
                            prefix, k->name, type_word(k->type), TIDE_CONFIG_MAX_SECONDS, shown);
    }
    *(double *)(base + k->off) = v;
    return 0;
}

/* Stores the value at the top of the stack into the field k describes. */
static int read_value(lua_State *L, void *dst, const key_spec *k, const char *file,
                      const char *prefix, tide_err *err)
{
    char *base = dst;
    switch (k->type) {
    case K_STRING: {
        char **slot = (char **)(base + k->off);
        if (lua_type(L, -1) != LUA_TSTRING)
            return wrong_type(L, file, prefix, k, err);
        free(*slot);
        return (*slot = tide_strdup(lua_tostring(L, -1))) ? 0 : tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    case K_BOOL:
        if (lua_type(L, -1) != LUA_TBOOLEAN)
            return wrong_type(L, file, prefix, k, err);
        *(int *)(base + k->off) = lua_toboolean(L, -1);
        return 0;
    case K_NUMBER:   /* seconds, later milliseconds in an int: NaN and huge are refused too */
        if (lua_type(L, -1) != LUA_TNUMBER)
            return wrong_type(L, file, prefix, k, err);
        if (!(lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) <= TIDE_CONFIG_MAX_SECONDS))
            return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be a number of seconds from 0 to %d",
                                file, prefix, k->name, TIDE_CONFIG_MAX_SECONDS);
        *(double *)(base + k->off) = lua_tonumber(L, -1);
        return 0;
    case K_DURATION:
    case K_COUNT:
    case K_RUNLOCK:
        return read_run_value(L, dst, k, file, prefix, err);
    case K_COLORDER: {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        int rebuild = tide_config_column_order(s);
        if (rebuild < 0)
            return tide_err_set(err, TIDE_ECONFIG, "%s: '%s%s' must be \"append\" (a column the definitions "
                                "put mid-table goes last, the default) or \"rebuild\" (PostgreSQL: the "
                                "table is rebuilt to place it, a rewrite under an ACCESS EXCLUSIVE lock)",
                                file, prefix, k->name);
        *(int *)(base + k->off) = rebuild;
        return 0;
    }
    case K_STRLIST:
        return read_strlist(L, (char ***)(base + k->off), (int *)(base + k->off + sizeof(char **)),
                            file, prefix, k, err);
    case K_LISTREF:
        if (lua_type(L, -1) != LUA_TTABLE)
            return wrong_type(L, file, prefix, k, err);
        lua_pushvalue(L, -1);
        *(int *)(base + k->off) = luaL_ref(L, LUA_REGISTRYINDEX);
        return 0;
    default:
        return 0;   /* K_TABLE is handled by the caller */
    }
}

/* tide_module_config's fields follow (char **schema; int nschema) like
 * tide_config's, which read_value's K_STRLIST relies on. */
_Static_assert(offsetof(tide_config, nschema) == offsetof(tide_config, schema) + sizeof(char **),
               "schema and nschema must be adjacent");
_Static_assert(offsetof(tide_module_config, nschema) == offsetof(tide_module_config, schema) + sizeof(char **),
               "schema and nschema must be adjacent");

static void migrations_defaults(tide_migrations_config *m);

int tide_config_column_order(const char *word)
{
    if (word && !strcmp(word, "append"))
        return 0;
    if (word && !strcmp(word, "rebuild"))
        return 1;
    return -1;
}
static int read_modules(lua_State *L, tide_config *cfg, const char *file, tide_err *err);

static int read_subtable(lua_State *L, void *dst, const key_spec *k, const char *file,
                         const char *prefix, tide_err *err)
{
    char sub[128];
    if (lua_type(L, -1) != LUA_TTABLE)
        return wrong_type(L, file, prefix, k, err);
    snprintf(sub, sizeof sub, "%s%s.", prefix, k->name);
    if (!strcmp(k->name, "migrations"))
        return read_table(L, (char *)dst + k->off, migration_keys, file, sub, err);
    if (!strcmp(k->name, "lockWait"))
        return read_table(L, (char *)dst + k->off, lock_wait_keys, file, sub, err);
    if (!strcmp(k->name, "seeder"))
        return read_table(L, dst, seeder_keys, file, sub, err);
    return read_modules(L, dst, file, err);
}

/* Walks the table at the top of the stack; every key must be known.  [-0, +0, -] */
static int read_table(lua_State *L, void *dst, const key_spec *keys, const char *file,
                      const char *prefix, tide_err *err)
{
    int rc = 0;
    lua_pushnil(L);
    while (rc == 0 && lua_next(L, -2)) {
        const key_spec *k;
        if (lua_type(L, -2) != LUA_TSTRING) {
            const char *type = luaL_typename(L, -2);
            lua_pop(L, 2);
            return tide_err_set(err, TIDE_ECONFIG, "%s: '%s' holds a %s key; only named keys are allowed",
                                file, *prefix ? prefix : "the returned table", type);
        }
        for (k = keys; k->name && strcmp(k->name, lua_tostring(L, -2)); k++)
            ;
        if (!k->name)
            rc = unknown_key(file, prefix, lua_tostring(L, -2), keys, err);
        else if (k->type == K_TABLE)
            rc = read_subtable(L, dst, k, file, prefix, err);
        else
            rc = read_value(L, dst, k, file, prefix, err);
        lua_pop(L, rc == 0 ? 1 : 2);
    }
    return rc;
}

/* One module from the table on top of the stack; key_name is its key in
 * the map form, NULL in the list form (then name = "..." says it). */
static int read_module(lua_State *L, tide_config *cfg, const char *key_name, int pos, const char *file,
                       tide_err *err)
{
    tide_module_config *m, *grown;
    char prefix[128];
    int i, rc;
    if (!(grown = realloc(cfg->modules, sizeof *grown * (size_t)(cfg->nmodules + 1))))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    cfg->modules = grown;
    m = &cfg->modules[cfg->nmodules++];
    memset(m, 0, sizeof *m);
    migrations_defaults(&m->migrations);
    if (key_name)
        snprintf(prefix, sizeof prefix, "modules.%s.", key_name);
    else
        snprintf(prefix, sizeof prefix, "modules[%d].", pos);
    if ((rc = read_table(L, m, module_keys, file, prefix, err)) < 0)
        return rc;
    if (key_name && m->name && strcmp(m->name, key_name))
        return tide_err_set(err, TIDE_ECONFIG, "%s: module '%s' says name = '%s'; in modules = { "
                            "name = { ... } } the key is the name (leave name out)", file, key_name, m->name);
    if (!m->name && !key_name)
        return tide_err_set(err, TIDE_ECONFIG, "%s: modules[%d] has no name; each module of the "
                            "list needs one: modules = { { name = \"blog\", ... } }", file, pos);
    if (!m->name && !(m->name = tide_strdup(key_name)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < cfg->nmodules - 1; i++)
        if (!strcmp(cfg->modules[i].name, m->name))
            return tide_err_set(err, TIDE_ECONFIG, "%s: module '%s' is listed twice", file, m->name);
    return 0;
}

/* modules = { blog = { ... }, ... } (run in name order) or
 * modules = { { name = "blog", ... }, ... } (run in that order). */
static int read_modules(lua_State *L, tide_config *cfg, const char *file, tide_err *err)
{
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, -1), count = 0;
    int rc = 0;
    for (lua_pushnil(L); lua_next(L, -2); lua_pop(L, 1))
        count++;
    if (n > 0 && count != n)
        return tide_err_set(err, TIDE_ECONFIG, "%s: 'modules' is either a list of modules "
                            "({ { name = \"blog\", ... }, ... }, run in that order) or a map of them "
                            "({ blog = { ... } }, run in name order), not both", file);
    cfg->modules_ordered = n > 0;
    for (i = 1; rc == 0 && i <= n; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
            rc = tide_err_set(err, TIDE_ECONFIG, "%s: modules[%d] must be a table { name = \"...\", "
                              "schema = ..., migrations = { ... } }, not a %s", file, (int)i,
                              luaL_typename(L, -1));
        else
            rc = read_module(L, cfg, NULL, (int)i, file, err);
        lua_pop(L, 1);
    }
    if (n > 0)
        return rc;
    lua_pushnil(L);
    while (rc == 0 && lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TTABLE) {
            lua_pop(L, 2);
            return tide_err_set(err, TIDE_ECONFIG, "%s: 'modules' maps module names to tables "
                                "(modules = { blog = { migrations = { path = ... } } })", file);
        }
        rc = read_module(L, cfg, lua_tostring(L, -2), 0, file, err);
        lua_pop(L, rc == 0 ? 1 : 2);
    }
    return rc;
}

static void migrations_defaults(tide_migrations_config *m)
{
    m->path = tide_strdup("migrations");
    m->table_name = tide_strdup("tide_migrations");
    m->pattern = tide_strdup("^Migration%d+");
    m->transactional = m->all_or_nothing = m->disable_foreign_keys = 1;
    m->drop_tables = m->snapshot = 1;
    m->lock_timeout = 60;
    m->lock_wait.timeout = 2;
    m->lock_wait.retries = 5;
    m->lock_wait.backoff = 1;
    m->run_lock = tide_strdup("lease");
    m->lease_expiry = 30;
    m->list_ref = LUA_NOREF;
}

static void defaults(tide_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->url = tide_strdup("sqlite:tide.db");
    cfg->schema = calloc(2, sizeof *cfg->schema);
    if (cfg->schema && (cfg->schema[0] = tide_strdup("schema")))
        cfg->nschema = 1;
    migrations_defaults(&cfg->migrations);
    cfg->seeder_path = tide_strdup("seeders");
    cfg->default_seeder = tide_strdup("DatabaseSeeder");
}

/* Which file to read: --config, TIDE_CONFIG, else ./tide.lua when present. */
static const char *pick_file(const tide_config_flags *flags, int *required)
{
    const char *env = getenv("TIDE_CONFIG");
    *required = 1;
    if (flags && flags->config_file)
        return flags->config_file;
    if (env && *env)
        return env;
    *required = 0;
    return access("tide.lua", F_OK) == 0 ? "tide.lua" : NULL;
}

/* Reads the configuration table at the top of the stack (named by file in
 * messages).   [-0, +0, -] */
static int apply_table(tide_config *cfg, lua_State *L, const char *file, tide_err *err)
{
    lua_pushliteral(L, "url");              /* raw: an __index of the table could raise */
    lua_rawget(L, -2);
    if (!lua_isnil(L, -1))
        cfg->url_source = TIDE_SRC_FILE;
    lua_pop(L, 1);
    return read_table(L, cfg, top_keys, file, "", err);
}

static int eval_file(tide_config *cfg, lua_State *L, const char *file, tide_err *err)
{
    int rc;
    if ((rc = tide_runtime_loadfile(L, file, file, err)) < 0) {
        if (rc == TIDE_ELUA)
            err->code = TIDE_ECONFIG;
        tide_url__scrub(err->msg, sizeof err->msg);     /* Lua quotes the token it stopped at */
        return err->code;
    }
    if ((rc = tide_runtime_pcall(L, 0, 1, err)) < 0) {
        tide_url__scrub(err->msg, sizeof err->msg);
        return err->code = TIDE_ECONFIG;
    }
    if (lua_type(L, -1) != LUA_TTABLE) {
        rc = tide_err_set(err, TIDE_ECONFIG, "%s must return a table (it returned %s); "
                          "write: return { url = \"sqlite:app.db\" }", file, luaL_typename(L, -1));
        lua_pop(L, 1);
        return rc;
    }
    rc = apply_table(cfg, L, file, err);
    lua_pop(L, 1);
    return rc;
}

/* ---- paths relative to the config file --------------------------------- */

/* *p, a relative path, as seen from the folder dir (dirlen bytes) instead:
 * "dir/p". Absolute paths stay. */
static int rebase_one(char **p, const char *dir, size_t dirlen)
{
    tide_buf b = TIDE_BUF_INIT;
    if (!*p || (*p)[0] == '/')
        return 0;
    if (tide_buf_printf(&b, "%.*s/%s", (int)dirlen, dir, *p) < 0)
        return TIDE_ENOMEM;
    free(*p);
    *p = tide_buf_detach(&b);
    return 0;
}

/* A URL naming a file (a driver whose url_form is TIDE_URL_PATH) with a
 * relative path: the path as seen from dir. Other URLs stay. */
static int rebase_url(char **url, const char *dir, size_t dirlen)
{
    const tide_driver *drv = tide_driver_for_url(*url);
    tide_url u;
    tide_err ignore;
    tide_buf b = TIDE_BUF_INIT;
    const char *rest;
    int rc = 0;
    if (!drv || drv->url_form != TIDE_URL_PATH || tide_url_parse(&u, *url, &ignore) < 0)
        return 0;                           /* connecting says what is wrong with it */
    rest = strchr(*url, ':') + 1;
    if (u.path && strcmp(u.path, ":memory:") && u.path[0] != '/' && strncmp(u.path, "file:", 5)) {
        if (tide_buf_printf(&b, "%.*s%.*s/%s", (int)(rest - *url), *url, (int)dirlen, dir, u.path) < 0)
            rc = TIDE_ENOMEM;
        else {
            free(*url);
            *url = tide_buf_detach(&b);
        }
    }
    tide_url_free(&u);
    return rc;
}

/* Paths in a config file (and the defaults it leaves) are relative to the
 * folder of that file, not to the current directory: the URL of a
 * database file, the schema, migrations and seeders folders, the modules'.
 * --url and TIDE_DATABASE_URL are applied after, relative to the current
 * directory. */
static int rebase_paths(tide_config *cfg, const char *file, tide_err *err)
{
    const char *slash = strrchr(file, '/');
    size_t dirlen;
    int i, j, rc = 0;
    if (!slash)
        return 0;                           /* ./tide.lua: the current directory */
    dirlen = slash == file ? 1 : (size_t)(slash - file);
    if (dirlen == 1 && file[0] == '.')
        return 0;
    rc |= rebase_url(&cfg->url, file, dirlen);
    for (i = 0; i < cfg->nschema; i++)
        rc |= rebase_one(&cfg->schema[i], file, dirlen);
    rc |= rebase_one(&cfg->migrations.path, file, dirlen);
    rc |= rebase_one(&cfg->seeder_path, file, dirlen);
    for (i = 0; i < cfg->nmodules; i++) {
        for (j = 0; j < cfg->modules[i].nschema; j++)
            rc |= rebase_one(&cfg->modules[i].schema[j], file, dirlen);
        rc |= rebase_one(&cfg->modules[i].migrations.path, file, dirlen);
    }
    return rc ? tide_err_set(err, TIDE_ENOMEM, "out of memory") : 0;
}

/* Environment and flags over whatever the file or table said. */
static int apply_overrides(tide_config *cfg, const tide_config_flags *flags, tide_err *err)
{
    const char *env = getenv("TIDE_DATABASE_URL"), *v = getenv("TIDE_VERBOSE");
    if (env && *env) {
        free(cfg->url);
        cfg->url = tide_strdup(env);
        cfg->url_source = TIDE_SRC_ENV;
    }
    if (flags && flags->url) {
        free(cfg->url);
        cfg->url = tide_strdup(flags->url);
        cfg->url_source = TIDE_SRC_FLAG;
    }
    cfg->verbose = (flags && flags->verbose) || (v && *v && strcmp(v, "0"));
    return cfg->url ? 0 : tide_err_set(err, TIDE_ENOMEM, "out of memory");
}

int tide_config_load_table(tide_config *cfg, lua_State *L, int idx, const tide_config_flags *flags,
                           tide_err *err)
{
    int rc;
    defaults(cfg);
    if (!cfg->url || !cfg->schema || !cfg->migrations.path || !cfg->default_seeder)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    lua_pushvalue(L, idx);
    rc = apply_table(cfg, L, "tide.open{}", err);
    lua_pop(L, 1);
    return rc < 0 ? rc : apply_overrides(cfg, flags, err);
}

int tide_config_load(tide_config *cfg, lua_State *L, const tide_config_flags *flags, tide_err *err)
{
    int required, rc;
    const char *file = pick_file(flags, &required);
    defaults(cfg);
    if (!cfg->url || !cfg->schema || !cfg->migrations.path || !cfg->default_seeder)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if (file && access(file, R_OK) != 0)
        return tide_err_set(err, TIDE_ECONFIG, "config file '%s' not found or unreadable "
                            "(given by %s)", file, flags && flags->config_file ? "--config" : "TIDE_CONFIG");
    if (file) {
        if (!(cfg->file = tide_strdup(file)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        if ((rc = eval_file(cfg, L, file, err)) < 0 || (rc = rebase_paths(cfg, file, err)) < 0)
            return rc;
    }
    (void)required;
    return apply_overrides(cfg, flags, err);
}

static void free_strlist(char **v, int n)
{
    int i;
    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void migrations_free(tide_migrations_config *m, lua_State *L)
{
    free(m->path); free(m->table_name); free(m->pattern); free(m->snapshot_name); free(m->run_lock);
    if (L && m->list_ref != LUA_NOREF)
        luaL_unref(L, LUA_REGISTRYINDEX, m->list_ref);
}

void tide_config_free(tide_config *cfg, lua_State *L)
{
    int i;
    for (i = 0; i < cfg->nmodules; i++) {
        free(cfg->modules[i].name);
        free_strlist(cfg->modules[i].schema, cfg->modules[i].nschema);
        migrations_free(&cfg->modules[i].migrations, L);
    }
    free(cfg->modules);
    free_strlist(cfg->schema, cfg->nschema);
    migrations_free(&cfg->migrations, L);
    free(cfg->file); free(cfg->url); free(cfg->seeder_path); free(cfg->default_seeder);
    memset(cfg, 0, sizeof *cfg);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int tide_config_modules(const tide_config *cfg, const char ***out, int *n, tide_err *err)
{
    int i;
    *out = NULL;
    *n = 0;
    if (cfg->nmodules == 0)
        return 0;
    if (!(*out = malloc(sizeof **out * (size_t)cfg->nmodules)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    for (i = 0; i < cfg->nmodules; i++)
        (*out)[i] = cfg->modules[i].name;
    *n = cfg->nmodules;
    if (!cfg->modules_ordered)              /* a list keeps its own order */
        qsort((void *)*out, (size_t)*n, sizeof **out, by_name);
    return 0;
}

static int is_module(const tide_config *cfg, const char *name)
{
    int i;
    for (i = 0; i < cfg->nmodules; i++)
        if (!strcmp(cfg->modules[i].name, name))
            return 1;
    return 0;
}

int tide_config_check_modules(const tide_config *cfg, const char *const *names, int n,
                              tide_err *err)
{
    tide_buf unknown = TIDE_BUF_INIT, known = TIDE_BUF_INIT;
    const char **order = NULL;
    int i, nbad = 0, norder = 0, rc = 0;
    for (i = 0; rc == 0 && i < n; i++)
        if (!is_module(cfg, names[i]) && tide_buf_printf(&unknown, "%s'%s'", nbad++ ? ", " : "", names[i]) < 0)
            rc = TIDE_ENOMEM;
    if (rc == 0 && nbad == 0)
        return 0;
    if (rc == 0)
        rc = tide_config_modules(cfg, &order, &norder, err);
    for (i = 0; rc == 0 && i < norder; i++)
        if (tide_buf_printf(&known, "%s%s", i ? ", " : "", order[i]) < 0)
            rc = TIDE_ENOMEM;
    if (rc == 0)
        rc = tide_err_set(err, TIDE_ECONFIG, "unknown module%s %s (modules in the configuration: %s)",
                          nbad == 1 ? "" : "s", unknown.data, known.len ? known.data
                          : "none; add them under modules = { ... } in tide.lua");
    else
        rc = tide_err_set(err, TIDE_ENOMEM, "out of memory");
    free((void *)order);
    tide_buf_free(&unknown);
    tide_buf_free(&known);
    return rc;
}

static void push_strlist(lua_State *L, char **v, int n)
{
    int i;
    lua_createtable(L, n, 0);
    for (i = 0; i < n; i++) {
        lua_pushstring(L, v[i]);
        lua_rawseti(L, -2, i + 1);
    }
}

static void push_migrations(lua_State *L, const tide_migrations_config *m)
{
    lua_createtable(L, 0, 13);
    lua_pushstring(L, m->path); lua_setfield(L, -2, "path");
    lua_pushstring(L, m->table_name); lua_setfield(L, -2, "tableName");
    lua_pushstring(L, m->pattern); lua_setfield(L, -2, "pattern");
    lua_pushboolean(L, m->transactional); lua_setfield(L, -2, "transactional");
    lua_pushboolean(L, m->all_or_nothing); lua_setfield(L, -2, "allOrNothing");
    lua_pushboolean(L, m->disable_foreign_keys); lua_setfield(L, -2, "disableForeignKeys");
    lua_pushboolean(L, m->drop_tables); lua_setfield(L, -2, "dropTables");
    lua_pushboolean(L, m->safe); lua_setfield(L, -2, "safe");
    lua_pushboolean(L, m->snapshot); lua_setfield(L, -2, "snapshot");
    if (m->snapshot_name) { lua_pushstring(L, m->snapshot_name); lua_setfield(L, -2, "snapshotName"); }
    if (m->lock_timeout == (double)(long long)m->lock_timeout)
        lua_pushinteger(L, (lua_Integer)m->lock_timeout);
    else
        lua_pushnumber(L, m->lock_timeout);
    lua_setfield(L, -2, "lockTimeout");
    lua_pushboolean(L, m->allow_out_of_order); lua_setfield(L, -2, "allowOutOfOrder");
    lua_createtable(L, 0, 3);
    lua_pushnumber(L, m->lock_wait.timeout); lua_setfield(L, -2, "timeout");
    lua_pushinteger(L, (lua_Integer)m->lock_wait.retries); lua_setfield(L, -2, "retries");
    lua_pushnumber(L, m->lock_wait.backoff); lua_setfield(L, -2, "backoff");
    lua_setfield(L, -2, "lockWait");
    lua_pushnumber(L, m->statement_timeout); lua_setfield(L, -2, "statementTimeout");
    lua_pushstring(L, m->run_lock ? m->run_lock : "lease"); lua_setfield(L, -2, "runLock");
    lua_pushnumber(L, m->lease_expiry); lua_setfield(L, -2, "leaseExpiry");
    lua_pushstring(L, m->column_rebuild ? "rebuild" : "append"); lua_setfield(L, -2, "columnOrder");
    if (m->list_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, m->list_ref);
        lua_setfield(L, -2, "list");
    }
}

void tide_config_push(lua_State *L, const tide_config *cfg)
{
    static const char *sources[] = { "default", "file", "env", "flag" };
    char *masked = tide_url_mask(cfg->url);
    int i;
    lua_createtable(L, 0, 8);
    lua_pushstring(L, masked ? masked : "");   /* tiny; a memory error here leaks it */
    free(masked);
    lua_setfield(L, -2, "url");
    lua_pushstring(L, sources[cfg->url_source]);
    lua_setfield(L, -2, "urlSource");
    if (cfg->file) { lua_pushstring(L, cfg->file); lua_setfield(L, -2, "file"); }
    push_strlist(L, cfg->schema, cfg->nschema);
    lua_setfield(L, -2, "schema");
    push_migrations(L, &cfg->migrations);
    lua_setfield(L, -2, "migrations");
    lua_createtable(L, 0, 2);
    lua_pushstring(L, cfg->seeder_path); lua_setfield(L, -2, "path");
    lua_pushstring(L, cfg->default_seeder); lua_setfield(L, -2, "defaultSeeder");
    lua_setfield(L, -2, "seeder");
    lua_createtable(L, 0, cfg->nmodules);
    for (i = 0; i < cfg->nmodules; i++) {
        lua_createtable(L, 0, 2);
        push_strlist(L, cfg->modules[i].schema, cfg->modules[i].nschema);
        lua_setfield(L, -2, "schema");
        push_migrations(L, &cfg->modules[i].migrations);
        lua_setfield(L, -2, "migrations");
        lua_setfield(L, -2, cfg->modules[i].name);
    }
    lua_setfield(L, -2, "modules");
    lua_pushboolean(L, cfg->verbose);
    lua_setfield(L, -2, "verbose");
}
