/* cli_migration.c — the migration:* commands: each parses its options,
 * calls the runner API of tide.h, and prints for people (aligned tables,
 * a line per migration, progress on a TTY) or, with --json, for programs. */
#include "cli/cli.h"
#include "api/module.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the list as JSON { key: [...], extra fields set by the caller }. */
static int print_json_list(cli *c, const tide_status_list *l, const char *key, int dry_run)
{
    lua_createtable(c->L, 0, 2);
    tide_runtime_push_status_list(c->L, l);
    lua_setfield(c->L, -2, key);
    if (dry_run >= 0) {
        lua_pushboolean(c->L, dry_run);
        lua_setfield(c->L, -2, "dryRun");
    }
    return cli_print_with(c, "json");
}

/* ---- up and down ------------------------------------------------------ */

static int run_migrations(cli *c, int down)
{
    tide_run_options o;
    tide_status_list done;
    tide_err err;
    const char *pos[1];
    int npos, dry = 0, ooo = 0, rc;
    tide *t;
    memset(&o, 0, sizeof o);
    {
        const cli_opt opts[] = {
            {"--from", down ? NULL : &o.from, NULL},
            {"--to", &o.to, NULL},
            {"--only", &o.only, NULL},
            {"--dry-run", NULL, &dry},
            {"--allow-out-of-order", NULL, down ? NULL : &ooo},
            {"--backup", down ? NULL : &o.backup, NULL},
            {NULL, NULL, NULL}
        };
        const cli_opt *use = opts;
        cli_opt filtered[7];
        int i, n = 0;
        for (i = 0; use[i].name; i++)       /* down has no --from / --allow-out-of-order */
            if (use[i].slot || use[i].on)
                filtered[n++] = use[i];
        filtered[n].name = NULL;
        if ((rc = cli_parse_opts(c, filtered, pos, 0, &npos)) != TIDE_EXIT_OK)
            return rc;
    }
    if (o.only && (o.from || o.to))
        return cli_usage_error(c, "--only cannot be combined with --from or --to");
    o.dry_run = c->dry_run = c->read_only = dry;   /* a dry run creates no database file */
    o.allow_out_of_order = ooo;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if ((down ? tide_down : tide_up)(t, &o, &done, &err) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        rc = print_json_list(c, &done, down ? "reverted" : "applied", dry);
    } else {
        if (done.n == 0)
            printf(down ? "Nothing to revert.\n" : "Nothing to migrate: the database is up to date.\n");
        else if (dry)
            printf("Dry run: %d migration%s ran and %s rolled back; nothing was changed.\n", done.n,
                   done.n == 1 ? "" : "s", done.n == 1 ? "was" : "were");
        else
            printf("%d migration%s %s.\n", done.n, done.n == 1 ? "" : "s", down ? "reverted" : "applied");
        rc = TIDE_EXIT_OK;
    }
    tide_status_list_free(&done);
    return cli_done(t, rc);
}

int cmd_migration_up(cli *c) { return run_migrations(c, 0); }
int cmd_migration_down(cli *c) { return run_migrations(c, 1); }

/* ---- listings --------------------------------------------------------- */

/* n in decimal, as "%d" writes it, into out (room for 12); its length. */
static int put_int(char *out, int n)
{
    char rev[12];
    unsigned int u = n < 0 ? 0u - (unsigned int)n : (unsigned int)n;
    int len = 0, k = 0;
    do
        rev[k++] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (n < 0)
        out[len++] = '-';
    while (k)
        out[len++] = rev[--k];
    return len;
}

/* The rows of migration:list or migration:pending (a header, then one per
 * migration) printed as a table: written from C, since 10,000 rows formatted
 * in Lua were a quarter of migration:list's time. */
static int print_rows(const tide_status_list *l, int executed)
{
    static char *const header[] = { "name", "executed at", "duration", "status" };
    int ncols = executed ? 4 : 1, i, rc = 0;
    char **cells = calloc((size_t)(l->n + 1) * (size_t)ncols, sizeof *cells);
    tide_buf text = TIDE_BUF_INIT;
    size_t *at = calloc((size_t)l->n * 2 + 1, sizeof *at);
    if (!cells || !at)
        rc = TIDE_ENOMEM;
    for (i = 0; rc == 0 && i < l->n; i++) {     /* durations and statuses: offsets into text */
        const tide_migration_status *s = &l->items[i];
        char ms[32];
        int len;
        if (!executed)
            break;
        at[2 * i] = text.len;            /* "%d ms", then the status and what is wrong with the file */
        len = put_int(ms, (int)s->duration_ms);
        if ((rc = tide_buf_add(&text, ms, (size_t)len)) < 0 || (rc = tide_buf_add(&text, " ms", 4)) < 0)
            break;
        at[2 * i + 1] = text.len;
        if ((rc = tide_buf_puts(&text, s->status)) < 0 ||
            (s->changed && (rc = tide_buf_puts(&text, ", file changed")) < 0) ||
            (s->missing && (rc = tide_buf_puts(&text, ", file missing")) < 0) ||
            (rc = tide_buf_add(&text, "", 1)) < 0)
            break;
    }
    if (rc == 0) {
        memcpy(cells, header, sizeof *cells * (size_t)ncols);
        for (i = 0; i < l->n; i++) {
            const tide_migration_status *s = &l->items[i];
            char **row = cells + (size_t)(i + 1) * (size_t)ncols;
            row[0] = s->name;
            if (executed) {
                row[1] = s->executed_at ? s->executed_at : "";
                row[2] = text.data + at[2 * i];
                row[3] = text.data + at[2 * i + 1];
            }
        }
        rc = cli_print_table(cells, l->n + 1, ncols);
    } else {
        fprintf(stderr, "tide: out of memory\n");
        rc = TIDE_EXIT_FAILURE;
    }
    free(cells);
    free(at);
    tide_buf_free(&text);
    return rc;
}

/* What to do about each migration an interrupted run left running, on
 * stderr; returns how many there are. */
static int tell_running(const tide_status_list *l)
{
    int i, n = 0;
    for (i = 0; i < l->n; i++)
        if (!strcmp(l->items[i].status, "running")) {
            fprintf(stderr, "tide: migration %s was left 'running' by an interrupted run: check what it "
                    "did, then tide migration:resolve %s --applied (it completed) or --rolled-back (it "
                    "did not); migration:up refuses to run until then\n", l->items[i].name, l->items[i].name);
            n++;
        }
    return n;
}

static int list_command(cli *c, int (*fn)(tide *, tide_status_list *, tide_err *), int executed)
{
    tide_status_list l;
    tide_err err;
    int rc, running;
    tide *t;
    if ((rc = cli_open_bare(c, &t)) != TIDE_EXIT_OK)
        return rc;
    tide_err_clear(&err);
    if (fn(t, &l, &err) < 0)
        return cli_fail(t, &err);
    running = tell_running(&l);
    if (c->json) {
        tide_runtime_push_status_list(c->L, &l);
        rc = cli_print_with(c, "json");
    } else if (l.n == 0) {
        printf(executed ? "No migration has been executed.\n" : "No pending migrations.\n");
    } else {
        rc = print_rows(&l, executed || running);
    }
    tide_status_list_free(&l);
    if (rc == TIDE_EXIT_OK && running && !executed)
        rc = TIDE_EXIT_FAILURE;             /* pending: not settled is not up to date */
    return cli_done(t, rc);
}

int cmd_migration_list(cli *c) { return list_command(c, tide_executed, 1); }
int cmd_migration_pending(cli *c) { return list_command(c, tide_pending, 0); }

int cmd_migration_validate(cli *c)
{
    tide_status_list l;
    tide_err err;
    int rc, problems, i;
    tide *t;
    if ((rc = cli_open_bare(c, &t)) != TIDE_EXIT_OK)
        return rc;
    tide_err_clear(&err);
    if ((problems = tide_validate(t, &l, &err)) < 0)
        return cli_fail(t, &err);
    if (c->json) {
        print_json_list(c, &l, "problems", -1);
    } else if (problems == 0) {
        printf("Every executed migration matches its file.\n");
    } else {
        for (i = 0; i < l.n; i++) {
            int running = !strcmp(l.items[i].status, "running");
            printf("%-8s %s%s\n", running ? "running" : l.items[i].missing ? "missing" : "changed",
                   l.items[i].name, running ? " (left running by an interrupted run)"
                   : l.items[i].missing ? " (executed, but its file is gone)"
                   : " (its file differs from what was executed)");
        }
        tell_running(&l);
        fprintf(stderr, "tide: %d executed migration%s changed, missing or left running\n", problems,
                problems == 1 ? " is" : "s are");
    }
    tide_status_list_free(&l);
    return cli_done(t, problems ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK);
}

/* ---- settling by hand ------------------------------------------------- */

int cmd_migration_resolve(cli *c)
{
    const char *pos[1];
    int npos, applied = 0, rolled = 0, rc;
    const cli_opt opts[] = { {"--applied", NULL, &applied}, {"--rolled-back", NULL, &rolled}, {NULL, NULL, NULL} };
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, pos, 1, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (npos != 1 || applied == rolled)
        return cli_usage_error(c, "name the migration and say --applied (keep it) or --rolled-back (forget it)");
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_resolve(t, pos[0], applied, &err) < 0)
        return cli_fail(t, &err);
    if (!c->json)
        printf("%s is now %s.\n", pos[0], applied ? "recorded as applied" : "forgotten (rolled back)");
    return cli_done(t, TIDE_EXIT_OK);
}

static int named_command(cli *c, int (*fn)(tide *, const char *, tide_err *), const char *did)
{
    const char *pos[1];
    int npos, rc;
    tide_err err;
    tide *t;
    if ((rc = cli_parse_opts(c, NULL, pos, 1, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (npos != 1)
        return cli_usage_error(c, "name the migration");
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (fn(t, pos[0], &err) < 0)
        return cli_fail(t, &err);
    if (!c->json)
        printf("%s %s.\n", pos[0], did);
    return cli_done(t, TIDE_EXIT_OK);
}

int cmd_migration_log(cli *c) { return named_command(c, tide_log, "is recorded as executed (it did not run)"); }
int cmd_migration_unlog(cli *c) { return named_command(c, tide_unlog, "is forgotten (nothing was reverted)"); }

/* ---- new files --------------------------------------------------------- */

/* With the database unreachable, a command that reads only files says so. */
static void offline_note(cli *c, tide *t)
{
    if (tide_offline(t))
        fprintf(stderr, "note: the database could not be reached (%s); %s from the definitions and "
                "the snapshot alone, in the configured URL's dialect\n", tide_offline(t),
                c->json ? "the result comes" : "worked");
}

int cmd_migration_create(cli *c)
{
    const char *pos[1];
    int npos, rc;
    tide_create_options co;
    const cli_opt opts[] = {
        {"--name", &co.name, NULL}, {"--blank", NULL, &co.blank}, {"--initial", NULL, &co.initial},
        {"--dump", NULL, &co.dump}, {"--no-drop", NULL, &c->no_drop}, {"--format", &co.dump_format, NULL},
        {"--column-order", &c->column_order, NULL}, {NULL, NULL, NULL}
    };
    tide_err err;
    tide_lint_report lint;
    char *path = NULL, *sql = NULL;
    tide *t;
    memset(&co, 0, sizeof co);
    memset(&lint, 0, sizeof lint);
    if ((rc = cli_parse_opts(c, opts, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (!co.blank && !co.initial)
        co.lint = &lint;                   /* what is risky in it: warnings, never a failure */
    if (co.blank && (co.initial || co.dump))
        return cli_usage_error(c, "--blank takes neither --initial nor --dump");
    if (co.initial && co.dump)
        return cli_usage_error(c, "--initial writes a migration; --dump writes nothing");
    if (co.dump_format && !co.dump)
        return cli_usage_error(c, "--format goes with --dump (sql, mermaid or dot)");
    if (co.dump_format && strcmp(co.dump_format, "sql") && strcmp(co.dump_format, "mermaid") &&
        strcmp(co.dump_format, "dot"))
        return cli_usage_error(c, "--format with --dump is sql, mermaid or dot, not '%s'", co.dump_format);
    c->offline_ok = !co.initial;            /* definitions and snapshot are files */
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_create_migration(t, &co, &path, &sql, &err) < 0)
        return cli_fail(t, &err);
    offline_note(c, t);
    if (c->json) {
        lua_createtable(c->L, 0, 2);
        if (path) { lua_pushstring(c->L, path); lua_setfield(c->L, -2, "path"); }
        if (sql) { lua_pushstring(c->L, sql); lua_setfield(c->L, -2, "sql"); }
        lua_pushboolean(c->L, path || sql);
        lua_setfield(c->L, -2, "changes");
        tide_runtime_push_lint_report(c->L, &lint);
        lua_setfield(c->L, -2, "lint");
        rc = cli_print_with(c, "json");
    } else if (co.dump) {
        const char *f = co.dump_format ? co.dump_format : "sql";
        fprintf(stdout, "%s", sql ? sql : !strcmp(f, "mermaid") ? "%% no changes: the definitions match the snapshot\n"
                              : !strcmp(f, "dot") ? "// no changes: the definitions match the snapshot\n"
                              : "-- no changes: the definitions match the snapshot\n");
    } else if (path) {
        printf("Created %s%s\n", path, co.initial ? " (marked executed: the database has this schema)" : "");
    } else {
        printf("No changes: the definitions match the snapshot.\n");
    }
    if (!c->json)
        cli_print_findings(stderr, &lint, c->verbose);
    tide_lint_report_free(&lint);
    free(path);
    free(sql);
    return cli_done(t, rc);
}

int cmd_migration_check(cli *c)
{
    int rc, needed = 0;
    tide_err err;
    tide *t;
    c->offline_ok = 1;                      /* definitions and snapshot are files */
    if ((rc = cli_open_bare(c, &t)) != TIDE_EXIT_OK)
        return rc == TIDE_EXIT_USAGE ? rc : TIDE_EXIT_UNDECIDED;
    tide_err_clear(&err);
    if (tide_check_migration(t, &needed, &err) < 0)
        return (rc = cli_fail(t, &err)) == TIDE_EXIT_FAILURE ? TIDE_EXIT_UNDECIDED : rc;
    offline_note(c, t);
    if (c->json)
        printf("{\n  \"needed\": %s\n}\n", needed ? "true" : "false");
    else
        printf(needed ? "A migration is needed: the definitions differ from the snapshot "
                        "(tide migration:create writes it).\n"
                      : "No migration needed: the definitions match the snapshot.\n");
    return cli_done(t, needed ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK);
}
