/* cli_schema.c — schema:* commands that read the live database:
 * schema:inspect (as a snapshot) and schema:drift (the live database against
 * the snapshot of the last generated migration). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints (or with out, writes) the live schema as schema definitions. */
static int inspect_lua(tide *t, const char *out, tide_err *err)
{
    char *text = NULL;
    int n;
    if (out) {
        if (tide_inspect_lua_dir(t, out, &n, err) < 0)
            return TIDE_EXIT_FAILURE;
        printf("Wrote %d schema file%s to %s/.\n", n, n == 1 ? "" : "s", out);
        return cli_flushed();
    }
    if (tide_inspect_lua(t, &text, err) < 0)
        return TIDE_EXIT_FAILURE;
    fputs(text, stdout);
    free(text);
    return cli_flushed();
}

/* --format dot|mermaid|svg: the diagram on stdout. */
static int inspect_diagram(cli *c, const char *format, int defs)
{
    tide_err err;
    char *text = NULL;
    tide *t;
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (tide_diagram(t, format, defs, &text, &err) < 0)
        return cli_fail(t, &err);
    fputs(text, stdout);
    free(text);
    return cli_done(t, TIDE_EXIT_OK);
}

static int is_diagram(const char *format)
{
    return !strcmp(format, "dot") || !strcmp(format, "mermaid") || !strcmp(format, "svg");
}

int cmd_schema_inspect(cli *c)
{
    const char *pos[1], *format = "json", *out = NULL, *from = NULL;
    int npos, rc;
    const cli_opt opts[] = { {"--format", &format, NULL}, {"--out", &out, NULL}, {"--from", &from, NULL},
                             {NULL, NULL, NULL} };
    tide_err err;
    char *json = NULL;
    tide *t;
    if ((rc = cli_parse_opts(c, opts, pos, 0, &npos)) != TIDE_EXIT_OK)
        return rc;
    if (strcmp(format, "json") && strcmp(format, "lua") && !is_diagram(format))
        return cli_usage_error(c, "--format is lua, json, dot, mermaid or svg, not '%s'", format);
    if (from && strcmp(from, "definitions") && strcmp(from, "database"))
        return cli_usage_error(c, "--from is definitions or database (the default), not '%s'", from);
    if (from && !strcmp(from, "definitions") && !is_diagram(format))
        return cli_usage_error(c, "--from definitions draws the definitions: it goes with --format "
                               "dot, mermaid or svg");
    if (is_diagram(format)) {
        if (out)
            return cli_usage_error(c, "--out DIR writes schema files: it goes with --format lua "
                                   "(redirect a diagram: > schema.%s)", format);
        c->offline_ok = from && !strcmp(from, "definitions");   /* files only: no database needed */
        return inspect_diagram(c, format, c->offline_ok);
    }
    if (out && strcmp(format, "lua"))
        return cli_usage_error(c, "--out DIR writes schema files: it goes with --format lua");
    if (out && !*out)
        return cli_usage_error(c, "--out needs a folder");
    if (!(t = cli_open(c)))
        return TIDE_EXIT_FAILURE;
    tide_err_clear(&err);
    if (!strcmp(format, "lua")) {
        if ((rc = inspect_lua(t, out, &err)) != TIDE_EXIT_OK && err.code)
            return cli_fail(t, &err);
        return cli_done(t, rc);
    }
    if (tide_inspect(t, &json, &err) < 0)
        return cli_fail(t, &err);
    fputs(json, stdout);
    free(json);
    return cli_done(t, TIDE_EXIT_OK);
}

int cmd_schema_drift(cli *c)
{
    int rc, n = 0, i, found;
    char **lines = NULL;
    tide_err err;
    tide *t;
    if ((rc = cli_open_bare(c, &t)) != TIDE_EXIT_OK)
        return rc == TIDE_EXIT_USAGE ? rc : TIDE_EXIT_UNDECIDED;
    tide_err_clear(&err);
    if ((found = tide_drift(t, &lines, &n, &err)) < 0)
        return (rc = cli_fail(t, &err)) == TIDE_EXIT_FAILURE ? TIDE_EXIT_UNDECIDED : rc;
    if (c->json) {
        lua_createtable(c->L, n, 0);
        for (i = 0; i < n; i++) {
            lua_pushstring(c->L, lines[i]);
            lua_rawseti(c->L, -2, i + 1);
        }
        cli_print_with(c, "json");
    } else if (n == 0) {
        printf("No drift: the database matches the snapshot.\n");
    } else {
        printf("The database differs from the snapshot of the last generated migration.\n"
               "What it holds, as changes to that snapshot:\n");
        for (i = 0; i < n; i++)
            printf("  %s\n", lines[i]);
    }
    for (i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    return cli_done(t, found ? TIDE_EXIT_FAILURE : TIDE_EXIT_OK);
}
