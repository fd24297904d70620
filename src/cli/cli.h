/* cli.h — the tide command line: a table of commands from which --help is
 * generated, the named exit codes, and what the command files share. The
 * CLI is a client of the library: it includes tide.h and the core, lua and
 * api rooms only (ARCHITECTURE.md's include rules). */
#ifndef TIDE_CLI_H
#define TIDE_CLI_H

#include <lua.h>
#include <stdio.h>
#include "tide.h"

typedef enum tide_exit {
    TIDE_EXIT_OK = 0,
    TIDE_EXIT_FAILURE = 1,   /* a failed migration, a refused connection, a bad file */
    TIDE_EXIT_USAGE = 2,     /* the command line itself is wrong */
    TIDE_EXIT_UNDECIDED = 3, /* migration:check, schema:drift could not tell (broken definitions,
                                an unreachable database): neither clean (0) nor changed (1) */
    TIDE_EXIT_SIGNAL = 128   /* + the signal that interrupted a run: 130 SIGINT, 143 SIGTERM */
} tide_exit;

/* Runs the command line; returns the process exit code. */
int tide_cli_main(int argc, char **argv);

/* ---- shared by the command files ---- */

struct cli;
typedef int (*command_fn)(struct cli *c);

/* One command of the table in cli.c (the single source of --help, the man
 * page and the completion script). */
typedef struct command {
    const char *name;
    const char *alias_of;     /* Medusa's db:* names point at MikroORM's */
    const char *usage;        /* its arguments; options spelled --name */
    const char *summary;
    command_fn run;           /* NULL: not built yet */
    unsigned opens;           /* how cli_open opens the project: TIDE_NEEDS_* (the folders
                                 checked before connecting) | CLI_READ_ONLY */
} command;

/* command.opens: the command only reads the database (tide_options.read_only). */
#define CLI_READ_ONLY 0x100u
#define CLI_MIG  TIDE_NEEDS_MIGRATIONS
#define CLI_SCH  TIDE_NEEDS_SCHEMA
#define CLI_SEED TIDE_NEEDS_SEEDERS

/* One option every command takes. */
typedef struct cli_global_opt {
    const char *name;         /* --verbose */
    const char *short_name;   /* -v, or NULL */
    const char *arg;          /* FILE, or NULL for a flag */
    const char *summary;
} cli_global_opt;

/* A command's --help beyond its usage line (cli_help.c): each option with
 * what it does, and examples with what they do; lists end at a NULL. */
#define CLI_HELP_MAX_OPTS 8
#define CLI_HELP_MAX_EXAMPLES 4
typedef struct command_help {
    const char *command;
    const char *options[CLI_HELP_MAX_OPTS][2];      /* "--to X", "stop after X" */
    const char *examples[CLI_HELP_MAX_EXAMPLES][2]; /* "tide migration:up", "run ..." */
} command_help;

/* The help of the command named name, or NULL. */
const command_help *cli_command_help(const char *name);

/* The command table, ended by a NULL name; the global options likewise. */
const command *cli_commands(void);
const cli_global_opt *cli_global_opts(void);

/* What the command line said, after the global options are taken out. */
typedef struct cli {
    const char *config_file;  /* --config */
    const char *url;          /* --url */
    int verbose;              /* -v, --verbose */
    const char *module;
    const char *schema;       /* --schema: one PostgreSQL namespace for schema:* */
    int json;
    int help;
    int version;
    const struct command *cmd;
    int argc;                 /* the command's own arguments */
    char **argv;
    lua_State *L;             /* for output formatting; shared with the project */
    int no_drop;              /* --no-drop (migration:create, schema:update, schema:diff) */
    const char *column_order; /* --column-order append|rebuild (the commands that plan) */
    int offline_ok;           /* cli_open: go on when the database is unreachable (lint) */
    int dry_run;              /* cli_open: the run's statements are printed (--dry-run) */
    int read_only;            /* cli_open: this run only reads (schema:* without --run) */
} cli;

/* One option of a command: --name, with a value (slot) or a flag (on). */
typedef struct cli_opt {
    const char *name;
    const char **slot;        /* takes a value */
    int *on;                  /* a flag */
} cli_opt;

/* Parses c->argv against opts; positional arguments go to pos (up to
 * maxpos). Returns TIDE_EXIT_OK or TIDE_EXIT_USAGE after saying why. */
int cli_parse_opts(cli *c, const cli_opt *opts, const char **pos, int maxpos, int *npos);

int  cli_usage_error(cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- output (cli_print.c) ---- */

/* A failure on stderr: "tide: message", its SQLSTATE and statement. */
void cli_report(const tide_err *err);
void cli_warn(const char *text);

/* Prints the value at the top of c->L with tide.util.<fn> and pops it. */
int  cli_print_with(cli *c, const char *fn);

/* One lint finding and its fix (migration:lint, and migration:create's
 * warnings). */
void cli_print_finding(FILE *out, const tide_lint_finding *f);
/* Every finding of r, grouped: more than three of one rule in one migration
 * print the first and one line for the rest, unless verbose. */
/* Prints nrows rows of ncols (at most CLI_TABLE_COLS) cells, row after row,
 * as tide.util's table does: cells joined by two spaces, each but the last
 * padded to its column's width in UTF-8 characters; then cli_flushed(). */
enum { CLI_TABLE_COLS = 8 };
int cli_print_table(char *const *cells, int nrows, int ncols);
void cli_print_findings(FILE *out, const tide_lint_report *r, int verbose);

/* TIDE_EXIT_OK when stdout took everything, else TIDE_EXIT_FAILURE. */
int  cli_flushed(void);

/* ---- the project (cli_project.c) ---- */

/* The tide_options the command line gives: configuration, URL, module,
 * schema, verbosity, c->L. */
void cli_options(cli *c, tide_options *o);

/* Opens the project per the command line, events printed for people (or
 * for --json). NULL after reporting a failure. */
tide *cli_open(cli *c);

/* cli_open for a command that takes no arguments nor options: a usage
 * error (TIDE_EXIT_USAGE) when some are given; TIDE_EXIT_FAILURE after
 * reporting when the project cannot be opened; else TIDE_EXIT_OK, *t open. */
int  cli_open_bare(cli *c, tide **t);

/* Reports err, closes t (NULL: none) and returns the exit code: 128 + the
 * signal when one interrupted a run, else TIDE_EXIT_FAILURE. */
int  cli_fail(tide *t, const tide_err *err);

/* Closes t; rc, or TIDE_EXIT_FAILURE when stdout could not take the output. */
int  cli_done(tide *t, int rc);

/* The command handlers (cli_migration.c, cli_schema.c, cli_generator.c, cli_seeder.c). */
int cmd_migration_create(cli *c);
int cmd_migration_check(cli *c);
int cmd_schema_inspect(cli *c);
int cmd_schema_drift(cli *c);
int cmd_schema_create(cli *c);
int cmd_schema_update(cli *c);
int cmd_schema_drop(cli *c);
int cmd_schema_fresh(cli *c);
int cmd_schema_diff(cli *c);
int cmd_seeder_run(cli *c);
int cmd_seeder_create(cli *c);
int cmd_migration_fresh(cli *c);
int cmd_migration_up(cli *c);
int cmd_migration_down(cli *c);
int cmd_migration_list(cli *c);
int cmd_migration_pending(cli *c);
int cmd_migration_validate(cli *c);
int cmd_migration_resolve(cli *c);
int cmd_migration_log(cli *c);
int cmd_migration_unlog(cli *c);

int cmd_migration_lint(cli *c);     /* cli_lint.c */
int cmd_migration_test(cli *c);     /* cli_test.c */

/* Medusa's db:* commands over the modules (cli_modules.c). */
int cmd_db_generate(cli *c);
int cmd_db_migrate(cli *c);
int cmd_db_rollback(cli *c);

/* Generated from the command table (cli_help.c): tide man, tide completion bash. */
int cmd_man(cli *c);
int cmd_completion(cli *c);

#endif
