/* cli.c — parsing the command line and dispatching to commands. The command
 * table below is the single source of the command list: --help is generated
 * from it. Commands are thin clients of the library API (tide.h). */
#include "cli/cli.h"
#include "lua/runtime.h"
#include "api/module.h"
#include "core/buf.h"

#include <lauxlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmd_debug(cli *c);
static int cmd_run(cli *c);

static const command commands[] = {
    {"migration:create", NULL, "[--name N] [--blank] [--initial] [--dump] [--format sql|mermaid|dot] [--no-drop] [--column-order append|rebuild]", "write a migration from the schema diff (--blank: an empty one)", cmd_migration_create, CLI_READ_ONLY},
    {"migration:up", NULL, "[--from X] [--to Y] [--only Z] [--dry-run] [--allow-out-of-order] [--backup FILE]", "run pending migrations", cmd_migration_up, CLI_MIG},
    {"migration:down", NULL, "[--to X|0] [--only Z] [--dry-run]", "undo the last migration (or down to X)", cmd_migration_down, CLI_MIG},
    {"migration:list", NULL, "", "executed migrations with their time", cmd_migration_list, CLI_MIG | CLI_READ_ONLY},
    {"migration:pending", NULL, "", "pending migrations", cmd_migration_pending, CLI_MIG | CLI_READ_ONLY},
    {"migration:check", NULL, "", "exit 1 when a migration is needed", cmd_migration_check, CLI_READ_ONLY},
    {"migration:fresh", NULL, "[--seed [NAME]]", "drop everything, run all migrations, optionally seed", cmd_migration_fresh, CLI_MIG},
    {"migration:validate", NULL, "", "compare checksums of executed migrations with their files", cmd_migration_validate, CLI_MIG | CLI_READ_ONLY},
    {"migration:resolve", NULL, "NAME --applied|--rolled-back", "settle a migration left 'running' by a crash", cmd_migration_resolve, CLI_MIG},
    {"migration:log", NULL, "NAME", "mark a migration executed without running it", cmd_migration_log, CLI_MIG},
    {"migration:unlog", NULL, "NAME", "forget a migration without reverting it", cmd_migration_unlog, CLI_MIG},
    {"migration:test", NULL, "", "up, compare, down, up on a scratch database", cmd_migration_test, CLI_MIG},
    {"migration:lint", NULL, "[NAME...] [--all]", "flag destructive or risky statements (pending ones by default)", cmd_migration_lint, CLI_READ_ONLY},
    {"schema:create", NULL, "[--run|--dump]", "SQL creating the schema from the definitions", cmd_schema_create, CLI_SCH},
    {"schema:update", NULL, "[--run|--dump] [--safe] [--no-drop-tables] [--no-drop] [--column-order append|rebuild]", "SQL updating the live database to the definitions", cmd_schema_update, CLI_SCH},
    {"schema:drop", NULL, "[--run|--dump] [--drop-db]", "SQL dropping the definitions' objects (and nothing else)", cmd_schema_drop, CLI_SCH},
    {"schema:fresh", NULL, "--run [--seed [NAME]]", "drop everything tide covers and create the definitions", cmd_schema_fresh, CLI_SCH},
    {"schema:inspect", NULL, "[--format lua|json|dot|mermaid|svg] [--from definitions] [--out DIR]", "print the live database as definitions (lua), a snapshot (json) or a diagram (dot, mermaid, svg)", cmd_schema_inspect, CLI_READ_ONLY},
    {"schema:diff", NULL, "--from SRC --to DST [--dump|--run] [--no-drop] [--column-order append|rebuild]", "SQL turning SRC into DST (URL, snapshot file or definitions)", cmd_schema_diff, 0},
    {"schema:drift", NULL, "", "live database against the snapshot (exit 1 on drift)", cmd_schema_drift, CLI_READ_ONLY},
    {"seeder:run", NULL, "[--class NAME]", "run a seeder", cmd_seeder_run, CLI_SEED},
    {"seeder:create", NULL, "NAME", "write a new seeder", cmd_seeder_create, 0},
    {"run", NULL, "FILE.lua [ARGS...]", "run a Lua script with tide loaded and db connected", cmd_run, 0},
    {"debug", NULL, "", "print the resolved configuration (password masked)", cmd_debug, 0},
    {"db:generate", "migration:create", "MODULE...", "create a migration per module", cmd_db_generate, 0},
    {"db:migrate", "migration:up", "", "run pending migrations of the project, then of every module", cmd_db_migrate, 0},
    {"db:rollback", "migration:down", "MODULE...", "undo one migration per module", cmd_db_rollback, 0},
    {"man", NULL, "", "print the manual page tide(1) (roff; man -l - reads it)", cmd_man, 0},
    {"completion", NULL, "bash", "print the bash completion script", cmd_completion, 0},
    {NULL, NULL, NULL, NULL, NULL, 0}
};

/* The options every command takes: print_help, the man page and the
 * completion script are all generated from this list. */
static const cli_global_opt global_opts[] = {
    {"--config", NULL, "FILE", "configuration file (default ./tide.lua; env TIDE_CONFIG)"},
    {"--url", NULL, "URL", "database URL (env TIDE_DATABASE_URL)"},
    {"--module", NULL, "NAME", "work on one module"},
    {"--schema", NULL, "NAME", "schema:* commands: one PostgreSQL namespace only"},
    {"--json", NULL, NULL, "machine-readable output on stdout"},
    {"--verbose", "-v", NULL, "log every SQL statement (env TIDE_VERBOSE=1)"},
    {"--help", "-h", NULL, "this help, or a command's with COMMAND --help"},
    {"--version", NULL, NULL, "print the version"},
    {NULL, NULL, NULL, NULL}
};

const command *cli_commands(void) { return commands; }
const cli_global_opt *cli_global_opts(void) { return global_opts; }

static const command *find_command(const char *name)
{
    const command *k;
    for (k = commands; k->name; k++)
        if (!strcmp(k->name, name))
            return k;
    return NULL;
}

/* The closest of names to word when near enough to be a slip of the
 * keyboard (as config keys: 2 edits, 3 for longer names), else NULL. */
static const char *closest(const char *word, const char *const *names, size_t stride, size_t n)
{
    const char *best = NULL;
    size_t bd = 99, i;
    for (i = 0; i < n; i++) {
        const char *name = *(const char *const *)((const char *)names + i * stride);
        size_t d = tide_edit_distance(word, name);
        if (d < bd) { bd = d; best = name; }
    }
    return best && bd <= (strlen(best) > 6 ? 3u : 2u) ? best : NULL;
}

static const char *closest_command(const char *word)
{
    size_t n = 0;
    while (commands[n].name) n++;
    return closest(word, &commands[0].name, sizeof commands[0], n);
}

static void print_help(FILE *out)
{
    const command *k;
    const cli_global_opt *g;
    fprintf(out, "tide %s — database migrations with Lua\n\n"
                 "usage: tide [options] COMMAND [args]   (tide COMMAND --help for its arguments)\n\n"
                 "commands:\n", TIDE_VERSION);
    for (k = commands; k->name; k++)
        fprintf(out, "  %-20s %s%s\n", k->name, k->summary, k->run ? "" : " (not built yet)");
    fprintf(out, "\noptions (every command):\n");
    for (g = global_opts; g->name; g++) {
        char head[64];
        snprintf(head, sizeof head, "%s%s%s%s%s", g->short_name ? g->short_name : "",
                 g->short_name ? ", " : "", g->name, g->arg ? " " : "", g->arg ? g->arg : "");
        fprintf(out, "  %-16s %s\n", head, g->summary);
    }
}

static void print_command_help(const command *k)
{
    const command_help *h = cli_command_help(k->name);
    int i;
    printf("usage: tide %s %s\n\n%s\n", k->name, k->usage, k->summary);
    if (k->alias_of)
        printf("(an alias of %s)\n", k->alias_of);
    if (h && h->options[0][0]) {
        printf("\noptions:\n");
        for (i = 0; i < CLI_HELP_MAX_OPTS && h->options[i][0]; i++)
            if (strlen(h->options[i][0]) < 24)
                printf("  %-24s %s\n", h->options[i][0], h->options[i][1]);
            else                        /* a long spelling: the description below it */
                printf("  %s\n  %24s %s\n", h->options[i][0], "", h->options[i][1]);
    }
    if (h && h->examples[0][0]) {
        printf("\nexamples:\n");
        for (i = 0; i < CLI_HELP_MAX_EXAMPLES && h->examples[i][0]; i++)
            printf("  %s\n      %s\n", h->examples[i][0], h->examples[i][1]);
    }
    printf("\nEvery command also takes the global options (tide --help).\n");
    if (!k->run)
        printf("\nThis command is not built yet in tide %s.\n", TIDE_VERSION);
}

/* ---- argument parsing ------------------------------------------------- */

int cli_usage_error(cli *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "tide: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (c && c->cmd)
        fprintf(stderr, "\nusage: tide %s %s\n", c->cmd->name, c->cmd->usage);
    else
        fprintf(stderr, "\n(see tide --help)\n");
    return TIDE_EXIT_USAGE;
}

/* Takes the value of option argv[*i]: "--url X" or "--url=X". */
static const char *option_value(int argc, char **argv, int *i, size_t namelen)
{
    if (argv[*i][namelen] == '=')
        return argv[*i] + namelen + 1;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int is_opt(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

int cli_parse_opts(cli *c, const cli_opt *opts, const char **pos, int maxpos, int *npos)
{
    int i;
    *npos = 0;
    for (i = 0; i < c->argc; i++) {
        const char *a = c->argv[i];
        const cli_opt *o;
        if (a[0] != '-' || !a[1]) {
            if (*npos >= maxpos)
                return cli_usage_error(c, "unexpected argument '%s'", a);
            pos[(*npos)++] = a;
            continue;
        }
        for (o = opts; o && o->name && !is_opt(a, o->name); o++)
            ;
        if (!o || !o->name) {
            size_t n = 0, len = strcspn(a, "=");
            char word[64];
            const char *best;
            while (opts && opts[n].name) n++;
            snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), a);
            if (n && (best = closest(word, &opts[0].name, sizeof opts[0], n)))
                return cli_usage_error(c, "unknown option '%s' for %s; did you mean '%s'?",
                                       a, c->cmd->name, best);
            return cli_usage_error(c, "unknown option '%s' for %s", a, c->cmd->name);
        }
        if (o->on) {
            if (a[strlen(o->name)] == '=')
                return cli_usage_error(c, "%s takes no value (got '%s')", o->name, a);
            *o->on = 1;
        } else if (!(*o->slot = option_value(c->argc, c->argv, &i, strlen(o->name)))) {
            return cli_usage_error(c, "%s needs a value", o->name);
        }
    }
    if (c->column_order && strcmp(c->column_order, "append") && strcmp(c->column_order, "rebuild"))
        return cli_usage_error(c, "--column-order takes append (a column put mid-table goes last: the "
                               "default) or rebuild (PostgreSQL: the table is rebuilt to place it), not '%s'",
                               c->column_order);
    return TIDE_EXIT_OK;
}

/* Splits global options from the command and its arguments. argv is
 * compacted in place: the command's own arguments end up in c->argv. */
static int parse_args(cli *c, int argc, char **argv)
{
    static const char *const valued[] = { "--config", "--url", "--module", "--schema" };
    int i, n = 0, k;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], **slot[4] = { &c->config_file, &c->url, &c->module, &c->schema };
        if (c->cmd && c->cmd->run == cmd_run && n > 0) {
            argv[n++] = argv[i];       /* after `run FILE`, everything is the script's */
            continue;
        }
        if (!strcmp(a, "--")) {
            while (++i < argc) argv[n++] = argv[i];
            break;
        }
        for (k = 0; k < 4 && !is_opt(a, valued[k]); k++)
            ;
        if (k < 4) {
            if (!(*slot[k] = option_value(argc, argv, &i, strlen(valued[k]))))
                return cli_usage_error(NULL, "%s needs a value", valued[k]);
        } else if (!strcmp(a, "--json")) {
            c->json = 1;
        } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
            c->verbose = 1;
        } else if (!strcmp(a, "--version") && !c->cmd) {
            c->version = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            c->help = 1;
        } else if (!c->cmd && a[0] != '-') {
            if (!(c->cmd = find_command(a))) {
                const char *best = closest_command(a);
                if (best)
                    return cli_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", a, best);
                return cli_usage_error(NULL, "unknown command '%s'", a);
            }
        } else {
            argv[n++] = argv[i];
        }
    }
    c->argc = n;
    c->argv = argv;
    return TIDE_EXIT_OK;
}

/* ---- debug and run ---------------------------------------------------- */

/* tide debug: the resolved configuration, password masked. */
static int cmd_debug(cli *c)
{
    tide_options o;
    tide_err err;
    if (c->argc > 0)
        return cli_usage_error(c, "debug takes no arguments (got '%s')", c->argv[0]);
    cli_options(c, &o);
    tide_err_clear(&err);
    if (tide_runtime_push_config(c->L, &o, &err) < 0)
        return cli_fail(NULL, &err);
    return cli_print_with(c, c->json ? "json" : "debug_report");
}

/* Sets the globals a script sees: tide, db (on url), arg.   [-0, +0, e] */
static int run_setup(lua_State *L)
{
    const char *url = lua_touserdata(L, 1);
    char **argv = lua_touserdata(L, 2);
    int argc = (int)lua_tointeger(L, 3), i;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "tide");
    lua_call(L, 1, 1);
    lua_setglobal(L, "tide");
    tide_runtime_push_conn(L, url);
    lua_setglobal(L, "db");
    lua_createtable(L, argc, 1);
    for (i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_setglobal(L, "arg");
    return 0;
}

/* Closes the global db, if any, so a script's work is not left to __gc. */
static void run_close_db(lua_State *L)
{
    tide_err err;
    lua_getglobal(L, "db");
    if (lua_isuserdata(L, -1)) {
        lua_getfield(L, -1, "close");
        lua_insert(L, -2);
        tide_runtime_pcall(L, 1, 0, &err);
    } else {
        lua_pop(L, 1);
    }
}

/* tide run FILE.lua [ARGS...] */
static int cmd_run(cli *c)
{
    lua_State *L = c->L;
    tide_options o;
    tide_err err;
    char *url = NULL;
    int i, rc = TIDE_EXIT_FAILURE;
    if (c->argc < 1)
        return cli_usage_error(c, "run needs a Lua file");
    cli_options(c, &o);
    tide_err_clear(&err);
    if (tide_config_url(&o, &url, &err) < 0)
        return cli_fail(NULL, &err);
    lua_pushcfunction(L, run_setup);
    lua_pushlightuserdata(L, url);
    lua_pushlightuserdata(L, c->argv);
    lua_pushinteger(L, c->argc);
    if (tide_runtime_pcall(L, 3, 0, &err) < 0)
        goto done;
    if (tide_runtime_loadfile(L, c->argv[0], c->argv[0], &err) < 0)
        goto done;
    for (i = 1; i < c->argc; i++)
        lua_pushstring(L, c->argv[i]);
    if (tide_runtime_pcall(L, c->argc - 1, 0, &err) < 0)
        goto done;
    rc = TIDE_EXIT_OK;
done:
    if (rc != TIDE_EXIT_OK)
        cli_report(&err);
    run_close_db(L);
    free(url);
    if (fflush(stdout) != 0)
        rc = TIDE_EXIT_FAILURE;
    return rc;
}

/* ---- main ------------------------------------------------------------- */

int tide_cli_main(int argc, char **argv)
{
    cli c;
    int rc;
    memset(&c, 0, sizeof c);
    if ((rc = parse_args(&c, argc, argv)) != TIDE_EXIT_OK)
        return rc;
    if (c.version) {
        printf("tide %s\n", TIDE_VERSION);
        return fflush(stdout) == 0 ? TIDE_EXIT_OK : TIDE_EXIT_FAILURE;
    }
    if (!c.cmd) {
        print_help(c.help ? stdout : stderr);
        return c.help ? TIDE_EXIT_OK : TIDE_EXIT_USAGE;
    }
    if (c.help) {
        print_command_help(c.cmd);
        return TIDE_EXIT_OK;
    }
    if (!c.cmd->run) {
        fprintf(stderr, "tide: '%s' is not built yet in tide %s (see README, \"State of the commands\")\n",
                c.cmd->name, TIDE_VERSION);
        return TIDE_EXIT_FAILURE;
    }
    if (!(c.L = tide_runtime_new())) {
        fprintf(stderr, "tide: out of memory creating the Lua state\n");
        return TIDE_EXIT_FAILURE;
    }
    rc = c.cmd->run(&c);
    lua_close(c.L);
    return rc;
}
