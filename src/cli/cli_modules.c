/* cli_modules.c — Medusa's db:* commands over the modules of the
 * configuration (SPEC 2 and 3). Each module is an independent migration
 * set: its own schema folders, migrations folder and snapshot, sharing the
 * project's tracking table (rows keyed by module). A command opens the
 * project once per module (cli_open with c->module set) and reports per
 * module, "blog: ...".
 *
 *   db:generate MODULE...   migration:create (default options) per module;
 *                           only modules whose definitions changed get a file
 *   db:migrate              migration:up: the project's own migrations first
 *                           (when it has a migrations folder or list), then
 *                           every module, in the configured order; with
 *                           --module NAME, that module only
 *
 * The configured order: modules given as a list { { name = ... }, ... } run
 * in the list's order; given as a map { name = { ... } } they run by name,
 * because lua_next walks a map in hash order (randomised per state), not in
 * the order of the file.
 *   db:rollback MODULE...   migration:down (the last migration) per module
 *
 * Module names are checked against the configuration before anything runs:
 * an unknown one is a failure (exit 1) naming the known ones. A failure in
 * one module stops the command (exit 1); modules done before it stay done. */
#include "cli/cli.h"
#include "lua/runtime.h"
#include "api/module.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The module names of cfg in the configured order (malloc'd array of
 * malloc'd strings), or NULL when out of memory (or no modules: *n = 0). */
static char **sorted_modules(const tide_config *cfg, int *n)
{
    char **names;
    int i;
    *n = 0;
    if (cfg->nmodules == 0 || !(names = calloc((size_t)cfg->nmodules, sizeof *names)))
        return NULL;
    for (i = 0; i < cfg->nmodules; i++)
        if ((names[i] = strdup(cfg->modules[i].name)))
            ++*n;
        else
            break;
    if (!cfg->modules_ordered)              /* a list keeps its own order */
        qsort(names, (size_t)*n, sizeof *names, by_name);
    return names;
}

static void free_names(char **names, int n)
{
    int i;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Loads the configuration alone (no connection). 0, or -1 after reporting. */
static int modules_config(cli *c, tide_config *cfg)
{
    tide_err err;
    tide_err_clear(&err);
    if (tide_config_load(cfg, c->L, &c->flags, &err) < 0) {
        cli_report(&err);
        tide_config_free(cfg, c->L);
        return -1;
    }
    return 0;
}

/* Every name must be a module of cfg; otherwise says which are known. */
static int check_modules(const tide_config *cfg, const char **names, int n)
{
    int i, j, bad = 0;
    for (i = 0; i < n; i++) {
        for (j = 0; j < cfg->nmodules && strcmp(cfg->modules[j].name, names[i]); j++)
            ;
        if (j == cfg->nmodules) {
            int nk;
            char **known = sorted_modules(cfg, &nk);
            fprintf(stderr, "tide: unknown module '%s' (modules in the configuration: ", names[i]);
            if (cfg->nmodules == 0)
                fprintf(stderr, "none; add them under modules = { ... } in tide.lua");
            for (j = 0; j < nk; j++)
                fprintf(stderr, "%s%s", j ? ", " : "", known[j]);
            fprintf(stderr, ")\n");
            free_names(known, nk);
            bad = 1;
        }
    }
    return bad ? -1 : 0;
}

/* The MODULE... arguments (or --module NAME when none is given); the
 * options of the command are none. Returns TIDE_EXIT_OK or a usage error. */
static int module_args(cli *c, const char ***names, int *n)
{
    int rc;
    *names = malloc(sizeof **names * (size_t)(c->argc + 1));
    if (!*names) {
        fprintf(stderr, "tide: out of memory\n");
        return TIDE_EXIT_FAILURE;
    }
    if ((rc = cli_parse_opts(c, NULL, *names, c->argc, n)) != TIDE_EXIT_OK) {
        free(*names);
        *names = NULL;
        return rc;
    }
    if (*n == 0 && c->module && *c->module)
        (*names)[(*n)++] = c->module;
    if (*n == 0) {
        free(*names);
        *names = NULL;
        return cli_usage_error(c, "name at least one module");
    }
    return TIDE_EXIT_OK;
}

/* Pushes { module = m, ... } onto the array at the top of c->L.  [-1, +0, m] */
static void json_item(cli *c, int *nitems)
{
    lua_rawseti(c->L, -2, ++*nitems);
}

static int finish_json(cli *c, int rc)
{
    if (!c->json)
        return rc;
    if (cli_print_with(c, "json") != TIDE_EXIT_OK)
        return TIDE_EXIT_FAILURE;
    return rc;
}

static int flush_rc(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout))
        return TIDE_EXIT_FAILURE;
    return rc;
}

/* ---- db:generate ------------------------------------------------------- */

int cmd_db_generate(cli *c)
{
    const char **names;
    const char *saved = c->module;
    tide_config cfg;
    int n, i, rc, nitems = 0;
    if ((rc = module_args(c, &names, &n)) != TIDE_EXIT_OK)
        return rc;
    if (modules_config(c, &cfg) < 0) {
        free(names);
        return TIDE_EXIT_FAILURE;
    }
    rc = check_modules(&cfg, names, n) < 0 ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK;
    tide_config_free(&cfg, c->L);
    if (c->json)
        lua_newtable(c->L);
    for (i = 0; rc == TIDE_EXIT_OK && i < n; i++) {
        tide_create_options co;
        tide_err err;
        char *path = NULL;
        tide *t;
        memset(&co, 0, sizeof co);
        c->module = names[i];
        if (!(t = cli_open(c))) {
            rc = TIDE_EXIT_FAILURE;
            break;
        }
        tide_err_clear(&err);
        if (tide_create_migration(t, &co, &path, NULL, &err) < 0) {
            fprintf(stderr, "tide: module %s failed:\n", names[i]);
            cli_report(&err);
            rc = TIDE_EXIT_FAILURE;
        } else if (c->json) {
            lua_createtable(c->L, 0, 3);
            lua_pushstring(c->L, names[i]); lua_setfield(c->L, -2, "module");
            if (path) { lua_pushstring(c->L, path); lua_setfield(c->L, -2, "path"); }
            lua_pushboolean(c->L, path != NULL); lua_setfield(c->L, -2, "changes");
            json_item(c, &nitems);
        } else if (path) {
            printf("%s: Created %s\n", names[i], path);
        } else {
            printf("%s: no changes\n", names[i]);
        }
        free(path);
        tide_close(t);
    }
    c->module = saved;
    free(names);
    if (c->json && rc != TIDE_EXIT_OK)
        lua_pop(c->L, 1);
    return flush_rc(rc == TIDE_EXIT_OK ? finish_json(c, rc) : rc);
}

/* ---- db:migrate and db:rollback ----------------------------------------- */

/* tide_up or tide_down of one migration set (module "" is the project's
 * own); prints "<label>: ...". */
static int run_one(cli *c, const char *module, const char *label, int down, int *nitems)
{
    tide_run_options o;
    tide_status_list done;
    tide_err err;
    tide *t;
    int k;
    memset(&o, 0, sizeof o);
    memset(&done, 0, sizeof done);
    c->module = module;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if ((down ? tide_down : tide_up)(t, &o, &done, &err) < 0) {
        fprintf(stderr, "tide: %s failed:\n", label);
        cli_report(&err);
        tide_close(t);
        if (err.code == TIDE_EINTR && tide_interrupt_signal())
            return TIDE_EXIT_SIGNAL + tide_interrupt_signal();
        return TIDE_EXIT_FAILURE;
    }
    if (c->json) {
        lua_createtable(c->L, 0, 2);
        lua_pushstring(c->L, module ? module : ""); lua_setfield(c->L, -2, "module");
        tide_runtime_push_status_list(c->L, &done);
        lua_setfield(c->L, -2, down ? "reverted" : "applied");
        json_item(c, nitems);
    } else if (done.n == 0) {
        printf("%s: %s\n", label, down ? "nothing to revert" : "up to date");
    } else if (down) {
        for (k = 0; k < done.n; k++)
            printf("%s: reverted %s\n", label, done.items[k].name);
    } else {
        printf("%s: %d migration%s applied\n", label, done.n, done.n == 1 ? "" : "s");
    }
    tide_status_list_free(&done);
    tide_close(t);
    return TIDE_EXIT_OK;
}

/* The project's own migrations take part in db:migrate when it has some:
 * a static list, or an existing migrations folder. */
static int has_own_migrations(const tide_config *cfg)
{
    struct stat st;
    if (cfg->migrations.list_ref != LUA_NOREF && cfg->migrations.list_ref != LUA_REFNIL)
        return 1;
    return cfg->migrations.path && stat(cfg->migrations.path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cmd_db_migrate(cli *c)
{
    const char *pos[1];
    const char *saved = c->module;
    tide_config cfg;
    char **names = NULL;
    int npos, n = 0, i, rc, own, nitems = 0;
    if ((rc = cli_parse_opts(c, NULL, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (modules_config(c, &cfg) < 0)
        return TIDE_EXIT_FAILURE;
    if (c->module && *c->module) {
        /* --module NAME: that module only */
        rc = check_modules(&cfg, &c->module, 1) < 0 ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK;
        own = 0;
    } else {
        own = has_own_migrations(&cfg);
        names = sorted_modules(&cfg, &n);
        if (n < cfg.nmodules) {
            fprintf(stderr, "tide: out of memory\n");
            rc = TIDE_EXIT_FAILURE;
        }
    }
    tide_config_free(&cfg, c->L);
    if (rc != TIDE_EXIT_OK)
        goto done;
    if (c->json)
        lua_newtable(c->L);
    if (saved && *saved) {
        rc = run_one(c, saved, saved, 0, &nitems);
    } else {
        if (own)
            rc = run_one(c, NULL, "(project)", 0, &nitems);
        for (i = 0; rc == TIDE_EXIT_OK && i < n; i++)
            rc = run_one(c, names[i], names[i], 0, &nitems);
        if (rc == TIDE_EXIT_OK && !own && n == 0 && !c->json)
            printf("No modules in the configuration and no migrations folder: nothing to migrate.\n");
    }
    if (c->json && rc != TIDE_EXIT_OK)
        lua_pop(c->L, 1);
    else
        rc = finish_json(c, rc);
done:
    c->module = saved;
    free_names(names, n);
    return flush_rc(rc);
}

int cmd_db_rollback(cli *c)
{
    const char **names;
    const char *saved = c->module;
    tide_config cfg;
    int n, i, rc, nitems = 0;
    if ((rc = module_args(c, &names, &n)) != TIDE_EXIT_OK)
        return rc;
    if (modules_config(c, &cfg) < 0) {
        free(names);
        return TIDE_EXIT_FAILURE;
    }
    rc = check_modules(&cfg, names, n) < 0 ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK;
    tide_config_free(&cfg, c->L);
    if (rc == TIDE_EXIT_OK && c->json)
        lua_newtable(c->L);
    for (i = 0; rc == TIDE_EXIT_OK && i < n; i++)
        rc = run_one(c, names[i], names[i], 1, &nitems);
    c->module = saved;
    free(names);
    if (c->json && rc != TIDE_EXIT_OK && lua_istable(c->L, -1))
        lua_pop(c->L, 1);
    else if (rc == TIDE_EXIT_OK)
        rc = finish_json(c, rc);
    return flush_rc(rc);
}
