/* cli_print.c — what every command prints with: failures and warnings on
 * stderr (in colour on a terminal, unless NO_COLOR), documents formatted by
 * tide.util (tables, JSON), lint findings, and the check that stdout took
 * it all (a failed write to stdout is a failure). */
#include "cli/cli.h"
#include "lua/runtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int use_colour(void)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(2) && !(nc && *nc);
}

void cli_report(const tide_err *err)
{
    fprintf(stderr, use_colour() ? "\033[31mtide:\033[0m %s\n" : "tide: %s\n", err->msg);
    if (err->sqlstate[0])
        fprintf(stderr, "  sqlstate: %s\n", err->sqlstate);
    if (err->sql[0])
        fprintf(stderr, "  statement: %s\n", err->sql);
}

void cli_warn(const char *text)
{
    fprintf(stderr, use_colour() ? "\033[33mtide: warning:\033[0m %s\n" : "tide: warning: %s\n", text);
}

int cli_flushed(void)
{
    return fflush(stdout) == 0 && !ferror(stdout) ? TIDE_EXIT_OK : TIDE_EXIT_FAILURE;
}

int cli_print_with(cli *c, const char *fn)
{
    lua_State *L = c->L;
    tide_err err;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "tide.util");
    if (tide_runtime_pcall(L, 1, 1, &err) < 0) {
        lua_pop(L, 1);
        cli_report(&err);
        return TIDE_EXIT_FAILURE;
    }
    lua_getfield(L, -1, fn);
    lua_remove(L, -2);
    lua_insert(L, -2);
    if (tide_runtime_pcall(L, 1, 1, &err) < 0) {
        cli_report(&err);
        return TIDE_EXIT_FAILURE;
    }
    fputs(lua_tostring(L, -1), stdout);
    lua_pop(L, 1);
    return cli_flushed();
}

void cli_print_finding(FILE *out, const tide_lint_finding *f)
{
    static const char *const severities[] = { "info", "warning", "error" };
    fprintf(out, "%s:%d: %s %s %s\n  fix: %s\n", f->migration, f->statement,
            severities[f->severity], f->rule, f->message, f->fix);
}
