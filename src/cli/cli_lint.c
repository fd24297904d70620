/* cli_lint.c — migration:lint [NAME...] [--all]: the findings of tide_lint,
 * one line each with its fix, and a summary; --json prints them as an
 * array. Exit 1 when a finding is an error; warnings print but pass. */
#include "cli/cli.h"
#include "api/module.h"

#include <stdio.h>
#include <string.h>

#define MAX_NAMES 256

static int plural(int n, const char *one, const char *many, char *buf, size_t size)
{
    return snprintf(buf, size, "%d %s", n, n == 1 ? one : many);
}

static void print_summary(const tide_lint_report *r, tide *t)
{
    char e[32], w[32], m[48], s[48];
    int info = r->n - r->errors - r->warnings;
    plural(r->errors, "error", "errors", e, sizeof e);
    plural(r->warnings, "warning", "warnings", w, sizeof w);
    plural(r->migrations, "migration", "migrations", m, sizeof m);
    plural(r->statements, "statement", "statements", s, sizeof s);
    if (r->migrations == 0)
        printf("Nothing to lint: no pending migrations (name some, or --all).\n");
    else if (r->n == 0)
        printf("No risky statements in %s (%s).\n", m, s);
    else
        printf("%s, %s, %d info in %s (%s).\n", e, w, info, m, s);
    if (tide_offline(t))
        printf("note: the database could not be reached (%s); every migration was read from its file, "
               "and Lua migrations only partly.\n", tide_offline(t));
}

int cmd_migration_lint(cli *c)
{
    const char *names[MAX_NAMES];
    int nnames, rc, all = 0;
    const cli_opt opts[] = { {"--all", NULL, &all}, {NULL, NULL, NULL} };
    tide_lint_options o;
    tide_lint_report r;
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, names, MAX_NAMES, &nnames)) != TIDE_EXIT_OK)
        return rc;
    if (all && nnames)
        return cli_usage_error(c, "name migrations or say --all, not both");
    c->offline_ok = 1;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    memset(&o, 0, sizeof o);
    o.names = names;
    o.nnames = nnames;
    o.all = all;
    tide_err_clear(&err);
    if (tide_lint(t, &o, &r, &err) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        if (tide_offline(t))
            fprintf(stderr, "tide: warning: the database could not be reached (%s): Lua migrations "
                    "were only partly linted\n", tide_offline(t));
        tide_runtime_push_lint_report(c->L, &r);
        rc = cli_print_with(c, "json");
    } else {
        cli_print_findings(stdout, &r, c->verbose);
        print_summary(&r, t);
    }
    if (rc == TIDE_EXIT_OK && r.errors)
        rc = TIDE_EXIT_FAILURE;
    tide_lint_report_free(&r);
    return cli_done(t, rc);
}
