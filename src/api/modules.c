/* modules.c — Medusa's db:* commands over the modules of the configuration
 * (tide.h, "modules"): each module is a migration set of its own, opened in
 * turn on the project's configuration and connection (tide__open_module),
 * and the generator (db:generate) or the runner (db:migrate, db:rollback)
 * run on it. Here because generating needs the schema room and running the
 * runner room: api is the room above both. */
#include "api/module.h"
#include "project/project.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What a run does in one set. */
typedef int (*set_action)(tide *set, tide_module_result *r, tide_err *err);

static int generate_set(tide *set, tide_module_result *r, tide_err *err)
{
    tide_create_options co;
    memset(&co, 0, sizeof co);
    return tide_create_migration(set, &co, &r->path, NULL, err);
}

static int migrate_set(tide *set, tide_module_result *r, tide_err *err)
{
    tide_run_options o;
    memset(&o, 0, sizeof o);
    return tide_up(set, &o, &r->done, err);
}

static int rollback_set(tide *set, tide_module_result *r, tide_err *err)
{
    tide_run_options o;
    memset(&o, 0, sizeof o);
    return tide_down(set, &o, &r->done, err);
}

static void result_free(tide_module_result *r)
{
    free(r->module);
    free(r->path);
    tide_status_list_free(&r->done);
    memset(r, 0, sizeof *r);
}

void tide_module_report_free(tide_module_report *r)
{
    int i;
    if (!r)
        return;
    for (i = 0; i < r->n; i++)
        result_free(&r->items[i]);
    free(r->items);
    free(r->failed);
    memset(r, 0, sizeof *r);
}

/* Runs the action in set `module` ("" the project's own) and reports it;
 * a failed set is named in out->failed instead of listed. */
static int run_set(tide *t, const char *module, set_action action, const tide_modules_options *o,
                   tide_module_report *out, tide_err *err)
{
    tide_module_result *r = realloc(out->items, sizeof *r * (size_t)(out->n + 1));
    tide *set;
    int rc;
    if (!r)
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    out->items = r;
    r = &out->items[out->n];
    memset(r, 0, sizeof *r);
    if (!(r->module = tide_strdup(module)))
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    if ((rc = tide__open_module(&set, t, module, err)) == 0) {
        rc = action(set, r, err);
        tide_close(set);
    }
    if (rc < 0) {
        out->failed = r->module;
        r->module = NULL;
        result_free(r);
        return rc;
    }
    out->n++;
    if (o && o->on_module)
        o->on_module(o->ud, r);
    return 0;
}

/* The project's own migrations take part in db:migrate when it has some:
 * a static list, or an existing migrations folder. */
static int has_own_migrations(const tide *t)
{
    const tide_migrations_config *mc = &t->cfg.migrations;
    struct stat st;
    if (mc->list_ref != LUA_NOREF && mc->list_ref != LUA_REFNIL)
        return 1;
    return mc->path && stat(mc->path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The sets a run takes: the named modules, or (all_by_default) the
 * project's own when it has migrations and then every module. *names is
 * malloc'd (free() it), its strings borrowed from o or t. */
static int pick_sets(tide *t, const tide_modules_options *o, int all_by_default, const char ***names,
                     int *n, tide_err *err)
{
    const char **mods = NULL;
    int own, nmods = 0, rc;
    *names = NULL;
    *n = 0;
    if (o && o->nnames > 0) {
        if ((rc = tide_config_check_modules(&t->cfg, o->names, o->nnames, err)) < 0)
            return rc;
        if (!(*names = malloc(sizeof **names * (size_t)o->nnames)))
            return tide_err_set(err, TIDE_ENOMEM, "out of memory");
        memcpy((void *)*names, o->names, sizeof **names * (size_t)o->nnames);
        *n = o->nnames;
        return 0;
    }
    if (!all_by_default)
        return tide_err_set(err, TIDE_EINVAL, "name at least one module");
    if ((rc = tide_config_modules(&t->cfg, &mods, &nmods, err)) < 0)
        return rc;
    own = has_own_migrations(t);
    if (!(*names = malloc(sizeof **names * (size_t)(nmods + own + 1)))) {
        free((void *)mods);
        return tide_err_set(err, TIDE_ENOMEM, "out of memory");
    }
    if (own)
        (*names)[0] = "";
    if (nmods)
        memcpy((void *)(*names + own), mods, sizeof *mods * (size_t)nmods);
    *n = own + nmods;
    free((void *)mods);
    return 0;
}

static int run_modules(tide *t, const tide_modules_options *o, int all_by_default, set_action action,
                       tide_module_report *out, tide_err *err)
{
    const char **names;
    int n, i, rc;
    memset(out, 0, sizeof *out);
    if ((rc = pick_sets(t, o, all_by_default, &names, &n, err)) < 0)
        return rc;
    for (i = 0; rc == 0 && i < n; i++)
        rc = run_set(t, names[i], action, o, out, err);
    free((void *)names);
    return rc;
}

int tide_modules_generate(tide *t, const tide_modules_options *opts, tide_module_report *out,
                          tide_err *err)
{
    return run_modules(t, opts, 0, generate_set, out, err);
}

int tide_modules_migrate(tide *t, const tide_modules_options *opts, tide_module_report *out,
                         tide_err *err)
{
    return run_modules(t, opts, 1, migrate_set, out, err);
}

int tide_modules_rollback(tide *t, const tide_modules_options *opts, tide_module_report *out,
                          tide_err *err)
{
    return run_modules(t, opts, 0, rollback_set, out, err);
}
