/* cli_generator.c — the schema generator's commands: schema:create,
 * schema:update, schema:drop, schema:fresh and schema:diff. Without --run
 * they print the SQL and execute nothing. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int print_sql(cli *c, const char *sql)
{
    if (c->json) {
        lua_createtable(c->L, 0, 1);
        lua_pushstring(c->L, sql);
        lua_setfield(c->L, -2, "sql");
        return cli_print_with(c, "json");
    }
    fputs(*sql ? sql : "-- nothing to do: the database is already what the definitions say\n", stdout);
    return cli_flushed();
}

/* schema:drop --drop-db: the database itself, once the project is closed
 * (a database in use cannot be dropped). */
static int drop_database(cli *c, tide_err *err)
{
    tide_options o;
    char *url = NULL;
    int rc;
    cli_options(c, &o);
    if ((rc = tide_config_url(&o, &url, err)) == 0)
        rc = tide_drop_database(url, err);
    free(url);
    return rc;
}

static int schema_action(cli *c, tide_schema_action action, const char *done_msg)
{
    const char *pos[1];
    int npos, rc, run = 0, dump = 0, drop_db = 0;
    tide_schema_options o;
    cli_opt opts[] = {
        {"--run", NULL, &run}, {"--dump", NULL, &dump}, {"--safe", NULL, &o.safe},
        {"--no-drop-tables", NULL, &o.no_drop_tables}, {"--no-drop", NULL, &c->no_drop},
        {"--column-order", &c->column_order, NULL}, {"--drop-db", NULL, &drop_db}, {NULL, NULL, NULL}
    };
    tide_err err;
    char *sql = NULL;
    tide *t;
    memset(&o, 0, sizeof o);
    if (action != TIDE_SCHEMA_DROP)
        opts[6].name = NULL;               /* --drop-db is schema:drop's */
    if ((rc = cli_parse_opts(c, opts, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (run && dump)
        return cli_usage_error(c, "--run executes, --dump prints: choose one");
    if (drop_db && !run)
        return cli_usage_error(c, "--drop-db needs --run");
    c->read_only = !run;
    if (c->no_drop && action == TIDE_SCHEMA_DROP)
        return cli_usage_error(c, "schema:drop drops: --no-drop is for schema:update and schema:create");
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (!run) {
        if (tide_schema_sql(t, action, &o, &sql, &err) < 0)
            return cli_fail(t, &err);
        rc = print_sql(c, sql);
        free(sql);
        return cli_done(t, rc);
    }
    if (tide_schema_run(t, action, &o, &err) < 0)
        return cli_fail(t, &err);
    tide_close(t);
    if (drop_db && drop_database(c, &err) < 0)
        return cli_fail(NULL, &err);
    if (!c->json)
        printf("%s%s\n", done_msg, drop_db ? " The database was dropped." : "");
    return TIDE_EXIT_OK;
}

int cmd_schema_create(cli *c) { return schema_action(c, TIDE_SCHEMA_CREATE, "Schema created."); }
int cmd_schema_update(cli *c) { return schema_action(c, TIDE_SCHEMA_UPDATE, "Schema updated."); }
int cmd_schema_drop(cli *c) { return schema_action(c, TIDE_SCHEMA_DROP, "Schema dropped."); }

int cmd_schema_diff(cli *c)
{
    const char *pos[1], *from = NULL, *to = NULL;
    int npos, rc, run = 0, dump = 0;
    const cli_opt opts[] = {
        {"--from", &from, NULL}, {"--to", &to, NULL}, {"--run", NULL, &run}, {"--dump", NULL, &dump},
        {"--no-drop", NULL, &c->no_drop}, {"--column-order", &c->column_order, NULL}, {NULL, NULL, NULL}
    };
    tide_err err;
    char *sql = NULL;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (!from || !to)
        return cli_usage_error(c, "schema:diff needs --from and --to (a database URL, a snapshot file, "
                               "or the word definitions)");
    if (run && dump)
        return cli_usage_error(c, "--run executes, --dump prints: choose one");
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_schema_diff(t, from, to, run, run ? NULL : &sql, &err) < 0)
        return cli_fail(t, &err);
    if (run) {
        if (!c->json)
            printf("Applied: --from now has the schema of --to.\n");
        rc = TIDE_EXIT_OK;
    } else {
        rc = print_sql(c, sql);
    }
    free(sql);
    return cli_done(t, rc);
}

/* schema:fresh --run [--seed [NAME]]: everything tide covers dropped, the
 * definitions created, then seeded when asked. */
int cmd_schema_fresh(cli *c)
{
    const char *pos[1];
    int npos, rc, run = 0, seed = 0;
    const cli_opt opts[] = { {"--run", NULL, &run}, {"--seed", NULL, &seed}, {NULL, NULL, NULL} };
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, pos, 1, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (!run)
        return cli_usage_error(c, "schema:fresh drops everything tide covers: say --run to do it");
    if (npos && !seed)
        return cli_usage_error(c, "a seeder name goes with --seed (--seed %s)", pos[0]);
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_refresh_database(t, &err) < 0 || (seed && tide_seed(t, npos ? pos[0] : NULL, &err) < 0))
        return cli_fail(t, &err);
    if (!c->json)
        printf("Schema dropped and created from the definitions%s.\n", seed ? ", and seeded" : "");
    return cli_done(t, TIDE_EXIT_OK);
}
