/* cli_modules.c — Medusa's db:* commands over the modules of the
 * configuration (SPEC 2 and 3): each takes its module names, calls
 * tide_modules_generate / _migrate / _rollback (tide.h, which says what
 * they do) on the project, and prints a line per module as it is done,
 * "blog: ...", or with --json the report.
 *
 *   db:generate MODULE...   migration:create per module
 *   db:migrate              migration:up: the project's own migrations, then
 *                           every module; with --module NAME, that one only
 *   db:rollback MODULE...   migration:down (the last migration) per module
 *
 * MODULE... may be given as --module NAME. An unknown module is a failure
 * (exit 1) before anything runs; a failure in one module stops the command
 * (exit 1), the modules done before it stay done. */
#include "cli/cli.h"
#include "api/module.h"

#include <stdio.h>
#include <stdlib.h>

typedef int (*modules_fn)(tide *t, const tide_modules_options *o, tide_module_report *out,
                          tide_err *err);

/* One db:* command: its library function and how a module's result reads. */
typedef struct modules_command {
    modules_fn run;
    void (*print)(void *ud, const tide_module_result *r);
    const char *done_key;      /* --json: NULL (path, changes), "applied" or "reverted" */
    const char *failed;        /* "tide: <failed><module> failed:" */
} modules_command;

/* The project's own migrations are "(project)" in what db:migrate prints. */
static const char *label(const tide_module_result *r)
{
    return *r->module ? r->module : "(project)";
}

static void print_generated(void *ud, const tide_module_result *r)
{
    (void)ud;
    if (r->path)
        printf("%s: Created %s\n", r->module, r->path);
    else
        printf("%s: no changes\n", r->module);
}

static void print_migrated(void *ud, const tide_module_result *r)
{
    (void)ud;
    if (r->done.n == 0)
        printf("%s: up to date\n", label(r));
    else
        printf("%s: %d migration%s applied\n", label(r), r->done.n, r->done.n == 1 ? "" : "s");
}

static void print_reverted(void *ud, const tide_module_result *r)
{
    int i;
    (void)ud;
    if (r->done.n == 0)
        printf("%s: nothing to revert\n", label(r));
    for (i = 0; i < r->done.n; i++)
        printf("%s: reverted %s\n", label(r), r->done.items[i].name);
}

static const modules_command generate = { tide_modules_generate, print_generated, NULL, "module " };
static const modules_command migrate = { tide_modules_migrate, print_migrated, "applied", "" };
static const modules_command rollback = { tide_modules_rollback, print_reverted, "reverted", "" };

/* Opens the project itself (the modules are the library's to open), runs
 * k on names and prints.   names: n of them, or none for all (db:migrate). */
static int run_command(cli *c, const modules_command *k, const char **names, int n)
{
    tide_modules_options o = { names, n, NULL, NULL };
    tide_module_report report = { NULL, 0, NULL };
    const char *module = c->module;
    tide_err err;
    tide *t;
    int rc;
    c->module = NULL;
    t = cli_open(c);
    c->module = module;
    if (!t)
        return TIDE_EXIT_FAILURE;
    if (!c->json)
        o.on_module = k->print;
    tide_err_clear(&err);
    if (k->run(t, &o, &report, &err) < 0) {
        if (report.failed)
            fprintf(stderr, "tide: %s%s failed:\n", k->failed,
                    *report.failed ? report.failed : "(project)");
        tide_module_report_free(&report);
        return cli_fail(t, &err);
    }
    if (c->json) {
        tide_runtime_push_module_report(c->L, &report, k->done_key);
        rc = cli_print_with(c, "json");
    } else {
        if (k == &migrate && n == 0 && report.n == 0)
            printf("No modules in the configuration and no migrations folder: nothing to migrate.\n");
        rc = TIDE_EXIT_OK;
    }
    tide_module_report_free(&report);
    return cli_done(t, rc);
}

/* db:generate and db:rollback: MODULE... (or --module NAME), no options. */
static int named_modules(cli *c, const modules_command *k)
{
    const char **names = malloc(sizeof *names * (size_t)(c->argc + 1));
    int n, rc;
    if (!names) {
        fprintf(stderr, "tide: out of memory\n");
        return TIDE_EXIT_FAILURE;
    }
    if ((rc = cli_parse_opts(c, NULL, names, c->argc, &n)) == TIDE_EXIT_OK) {
        if (n == 0 && c->module && *c->module)
            names[n++] = c->module;
        rc = n ? run_command(c, k, names, n) : cli_usage_error(c, "name at least one module");
    }
    free(names);
    return rc;
}

int cmd_db_generate(cli *c) { return named_modules(c, &generate); }
int cmd_db_rollback(cli *c) { return named_modules(c, &rollback); }

/* db:migrate [--module NAME] */
int cmd_db_migrate(cli *c)
{
    const char *pos[1];
    int npos, rc;
    if ((rc = cli_parse_opts(c, NULL, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    pos[0] = c->module;
    return run_command(c, &migrate, pos, c->module && *c->module ? 1 : 0);
}
