/* cli_project.c — opening the project for a command, once for all of them:
 * the tide_options the command line gives, and the events of a run printed
 * for people (a line per migration, progress bars on a terminal, the
 * statements of a dry run) or kept off stdout under --json; and how a
 * command ends (the exit code of a failure, a flushed stdout). */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* How events are shown during the command in progress. */
typedef struct printer {
    int json;          /* stdout is for the final JSON document only */
    int dry_run;       /* statements are the point: print them */
    int verbose;
    int tty;           /* stderr is a terminal: progress bars */
} printer;

static printer out;

static void show_progress(const tide_event *ev)
{
    int width = 30, filled;
    if (!out.tty || ev->total <= 0)
        return;
    filled = (int)(ev->done * width / ev->total);
    fprintf(stderr, "\r  %s [%.*s%*s] %lld/%lld", ev->name ? ev->name : "", filled,
            "==============================", width - filled, "", (long long)ev->done,
            (long long)ev->total);
    if (ev->done >= ev->total)
        fputc('\n', stderr);
    fflush(stderr);
}

static void print_sql(const char *text)
{
    int n = (int)strlen(text);
    while (n > 0 && strchr(" \t\r\n", text[n - 1]))
        n--;
    if (out.dry_run && !out.json)
        printf("   %.*s\n", n, text);
    else if (out.verbose || out.dry_run)
        fprintf(stderr, "-- sql: %.*s\n", n, text);
}

static void print_event(void *ud, const tide_event *ev)
{
    FILE *info = out.json ? stderr : stdout;
    const char *mod = ev->module ? ev->module : "";   /* a module's migration says whose it is */
    (void)ud;
    switch (ev->kind) {
    case TIDE_EV_MIGRATING:
        if (!out.json)
            printf("== %s%s%s: %s\n", mod, *mod ? ": " : "", ev->name, ev->down ? "reverting" : "migrating");
        break;
    case TIDE_EV_MIGRATED:
        if (!out.json)
            printf("== %s%s%s: %s (%.0f ms)\n", mod, *mod ? ": " : "", ev->name,
                   ev->down ? "reverted" : "migrated", ev->duration_ms);
        break;
    case TIDE_EV_SQL:
        print_sql(ev->text);
        break;
    case TIDE_EV_LOG:
        fprintf(info, "   %s: %s\n", ev->name ? ev->name : "", ev->text);
        break;
    case TIDE_EV_WARNING:
        cli_warn(ev->text);
        break;
    case TIDE_EV_PROGRESS:
        show_progress(ev);
        break;
    }
    fflush(info);
}

/* On a terminal, a question gets an answer; elsewhere, none is asked. */
static int tty_ask(void *ud, const char *question)
{
    char line[64];
    (void)ud;
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    if (!fgets(line, sizeof line, stdin))
        return 0;
    return line[0] == 'y' || line[0] == 'Y';
}

void cli_options(cli *c, tide_options *o)
{
    memset(o, 0, sizeof *o);
    o->config_file = c->config_file;
    o->url = c->url;
    o->module = c->module;
    o->schema = c->schema;
    o->verbose = c->verbose;
    o->no_drop = c->no_drop;
    o->column_order = !c->column_order ? 0 : !strcmp(c->column_order, "rebuild") ? 2 : 1;
    o->L = c->L;
}

tide *cli_open(cli *c)
{
    tide_options o;
    tide_err err;
    tide *t = NULL;
    cli_options(c, &o);
    o.on_event = print_event;
    o.offline_ok = c->offline_ok;
    o.needs = c->cmd ? c->cmd->opens & (TIDE_NEEDS_MIGRATIONS | TIDE_NEEDS_SCHEMA | TIDE_NEEDS_SEEDERS) : 0;
    o.read_only = c->read_only || (c->cmd && (c->cmd->opens & CLI_READ_ONLY));
    o.handle_signals = 1;
    o.ask = isatty(0) && isatty(2) ? tty_ask : NULL;
    out.json = c->json;
    out.dry_run = c->dry_run;
    out.verbose = c->verbose;
    out.tty = isatty(2);
    tide_err_clear(&err);
    if (tide_open(&t, &o, &err) < 0) {
        cli_report(&err);
        return NULL;
    }
    return t;
}

int cli_open_bare(cli *c, tide **t)
{
    const char *pos[1];
    int npos, rc;
    *t = NULL;
    if ((rc = cli_parse_opts(c, NULL, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    return (*t = cli_open(c)) ? TIDE_EXIT_OK : TIDE_EXIT_FAILURE;
}

int cli_fail(tide *t, const tide_err *err)
{
    cli_report(err);
    tide_close(t);
    if (err->code == TIDE_EINTR && tide_interrupt_signal())
        return TIDE_EXIT_SIGNAL + tide_interrupt_signal();
    return TIDE_EXIT_FAILURE;
}

int cli_done(tide *t, int rc)
{
    tide_close(t);
    return rc == TIDE_EXIT_OK ? cli_flushed() : rc;
}
