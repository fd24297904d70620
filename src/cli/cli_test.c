/* cli_test.c — migration:test: runs tide_migration_test (every migration
 * up, compared with the snapshot, down and up again on a scratch database)
 * and prints each problem with its migration, or a one-line summary; with
 * --json, one document. Exit 1 on any problem. */
#include "cli/cli.h"
#include "lua/runtime.h"
#include "api/module.h"

#include <lauxlib.h>
#include <stdio.h>

/* [-1, +1, m]: (report*) -> the report as a table */
static int push_report_p(lua_State *L)
{
    tide_runtime_push_test_report(L, lua_touserdata(L, 1));
    return 1;
}

static void print_report(const tide_test_report *r)
{
    int i;
    if (r->n == 0) {
        printf("migration:test passed: %d migration%s up, %s, down to an empty database and up again "
               "on a scratch database (%s, dropped).\n", r->migrations, r->migrations == 1 ? "" : "s",
               r->snapshot_checked ? "the schema matches the snapshot"
                                   : "no snapshot to compare with (skipped)", r->scratch);
        return;
    }
    printf("migration:test found %d problem%s on a scratch database (%s, dropped):\n", r->n,
           r->n == 1 ? "" : "s", r->scratch);
    for (i = 0; i < r->n; i++)
        printf("  %s (%s): %s\n", r->items[i].migration ? r->items[i].migration : "-",
               r->items[i].step, r->items[i].message);
    if (!r->snapshot_checked)
        printf("There is no snapshot, so the schema was not compared with one.\n");
}

int cmd_migration_test(cli *c)
{
    int rc, found;
    tide_test_report report;
    tide_err err;
    tide *t;
    if ((rc = cli_open_bare(c, &t)) != TIDE_EXIT_OK)
        return rc;
    tide_err_clear(&err);
    if ((found = tide_migration_test(t, &report, &err)) < 0) {
        tide_test_report_free(&report);
        return cli_fail(t, &err);
    }
    if (c->json) {
        lua_pushcfunction(c->L, push_report_p);
        lua_pushlightuserdata(c->L, &report);
        rc = tide_runtime_pcall(c->L, 1, 1, &err) < 0 ? (cli_report(&err), TIDE_EXIT_FAILURE)
                                                     : cli_print_with(c, "json");
    } else {
        print_report(&report);
    }
    tide_test_report_free(&report);
    return cli_done(t, found > 0 ? TIDE_EXIT_FAILURE : rc);
}
