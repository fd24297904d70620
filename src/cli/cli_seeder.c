/* cli_seeder.c — seeder:run, seeder:create and migration:fresh: each parses
 * its options, calls tide_seed / tide_seeder_create / tide_fresh, and prints
 * a line for people or, with --json, a document for programs. */
#include "cli/cli.h"
#include "api/module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A seeder name is a file name without .lua: checked before any connection. */
static int bad_name(cli *c, const char *name)
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    if (*name && name[strspn(name, allowed)] == '\0')
        return 0;
    cli_usage_error(c, "seeder name '%s' is not valid: letters, digits and underscores only, "
                    "without .lua (e.g. UserSeeder)", name);
    return 1;
}

/* tide seeder:run [--class NAME] */
int cmd_seeder_run(cli *c)
{
    const char *pos[1], *name = NULL;
    const cli_opt opts[] = { {"--class", &name, NULL}, {NULL, NULL, NULL} };
    int npos, rc;
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (name && bad_name(c, name))
        return TIDE_EXIT_USAGE;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_seed(t, name, &err) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        lua_createtable(c->L, 0, 1);
        lua_pushstring(c->L, tide_seeder_name(t, name));
        lua_setfield(c->L, -2, "seeder");
        rc = cli_print_with(c, "json");
    } else {
        printf("Seeded with %s.\n", tide_seeder_name(t, name));
    }
    return cli_done(t, rc);
}

/* tide seeder:create NAME */
int cmd_seeder_create(cli *c)
{
    const char *pos[1];
    int npos, rc;
    char *path = NULL;
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, NULL, pos, 1, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (npos != 1)
        return cli_usage_error(c, "name the seeder (e.g. tide seeder:create UserSeeder)");
    if (bad_name(c, pos[0]))
        return TIDE_EXIT_USAGE;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_seeder_create(t, pos[0], &path, &err) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        lua_createtable(c->L, 0, 1);
        lua_pushstring(c->L, path);
        lua_setfield(c->L, -2, "path");
        rc = cli_print_with(c, "json");
    } else {
        printf("Created %s\n", path);
    }
    free(path);
    return cli_done(t, rc);
}

/* "--seed=NAME" becomes "--seed" with the name aside: cli_parse_opts takes
 * --seed as a flag and would drop the value. */
static const char *take_seed_value(cli *c)
{
    static char flag[] = "--seed";
    const char *name = NULL;
    int i;
    for (i = 0; i < c->argc; i++)
        if (!strncmp(c->argv[i], "--seed=", 7)) {
            name = c->argv[i] + 7;
            c->argv[i] = flag;
        }
    return name;
}

/* tide migration:fresh [--seed [NAME]]. --seed is a flag and the seeder's
 * name an optional positional argument, so `--seed UserSeeder`,
 * `--seed=UserSeeder` and `UserSeeder --seed` all work; `--seed` alone runs
 * seeder.defaultSeeder, and a name without --seed is a usage error. */
int cmd_migration_fresh(cli *c)
{
    const char *pos[1], *name;
    int npos, rc, seed = 0;
    const cli_opt opts[] = { {"--seed", NULL, &seed}, {NULL, NULL, NULL} };
    tide_status_list applied;
    tide_err err;
    tide *t;
    name = take_seed_value(c);
    if ((rc = cli_parse_opts(c, opts, pos, 1, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (npos == 1 && !seed)
        return cli_usage_error(c, "'%s': a seeder name goes with --seed (--seed %s)", pos[0], pos[0]);
    if (npos == 1 && name)
        return cli_usage_error(c, "give the seeder once (--seed NAME)");
    if (npos == 1)
        name = pos[0];
    if (name && bad_name(c, name))
        return TIDE_EXIT_USAGE;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_fresh(t, seed, name, &err) < 0 || tide_executed(t, &applied, &err) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        lua_createtable(c->L, 0, 2);
        tide_runtime_push_status_list(c->L, &applied);
        lua_setfield(c->L, -2, "applied");
        if (seed) {
            lua_pushstring(c->L, tide_seeder_name(t, name));
            lua_setfield(c->L, -2, "seeder");
        }
        rc = cli_print_with(c, "json");
    } else {
        printf("Dropped everything and applied %d migration%s.\n", applied.n, applied.n == 1 ? "" : "s");
        if (seed)
            printf("Seeded with %s.\n", tide_seeder_name(t, name));
    }
    tide_status_list_free(&applied);
    return cli_done(t, rc);
}
