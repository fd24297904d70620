/* cli_print.c — what every command prints with: failures and warnings on
 * stderr (in colour on a terminal, unless NO_COLOR), documents formatted by
 * tide.util (tables, JSON), lint findings, and the check that stdout took
 * it all (a failed write to stdout is a failure). */
#include "cli/cli.h"
#include "lua/runtime.h"
#include "core/buf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The characters of s as Lua 5.4's utf8.len counts them (its utf8_decode,
 * strict), or -1 when s is not UTF-8 by its rules. */
static long utf8_chars(const char *s)
{
    static const unsigned long limits[] = { ~0ul, 0x80, 0x800, 0x10000ul, 0x200000ul, 0x4000000ul };
    const unsigned char *p = (const unsigned char *)s;
    long n = 0;
    while (*p) {
        unsigned int c = *p;
        unsigned long res = 0;
        if (c >= 0x80) {
            int count = 0;
            for (; c & 0x40; c <<= 1) {
                unsigned int cc = p[++count];
                if ((cc & 0xC0) != 0x80)
                    return -1;
                res = (res << 6) | (cc & 0x3F);
            }
            res |= (unsigned long)(c & 0x7F) << (count * 5);
            if (count > 5 || res > 0x7FFFFFFFul || res < limits[count] || res > 0x10FFFFul ||
                (res >= 0xD800ul && res <= 0xDFFFul))
                return -1;
            p += count;
        }
        p++;
        n++;
    }
    return n;
}

/* A cell's width as util.table (lua/tide/util.lua) measures it: UTF-8
 * characters, else bytes; *len its bytes. */
static size_t cell_width(const char *s, size_t *len)
{
    size_t n = strlen(s), i;
    unsigned char any = 0;
    long chars;
    *len = n;
    for (i = 0; i < n; i++)      /* plain ASCII, the usual cell: one byte each */
        any |= (unsigned char)s[i];
    if (!(any & 0x80))
        return n;
    chars = utf8_chars(s);
    return chars >= 0 ? (size_t)chars : n;
}

/* The table is written in pieces of this size: a listing of 10,000 rows
 * is a megabyte, whose memory costs more to touch than 16 writes. */
enum { TABLE_CHUNK = 64 * 1024 };

int cli_print_table(char *const *cells, int nrows, int ncols)
{
    size_t widths[CLI_TABLE_COLS] = { 0 }, w, most = 0, total = 0, len;
    size_t ncells = (size_t)nrows * (size_t)ncols, c;
    tide_buf out = TIDE_BUF_INIT;
    char *spaces;
    unsigned *sizes;             /* per cell: its width and its length in bytes */
    int r, i, rc = 0;
    if (ncols > CLI_TABLE_COLS || !(sizes = malloc(sizeof *sizes * 2 * (ncells ? ncells : 1))))
        return TIDE_EXIT_FAILURE;
    for (c = 0; c < ncells; c++) {               /* each cell measured once */
        w = cell_width(cells[c], &len);
        sizes[2 * c] = w > UINT_MAX ? UINT_MAX : (unsigned)w;
        sizes[2 * c + 1] = len > UINT_MAX ? UINT_MAX : (unsigned)len;
        if ((int)(c % (size_t)ncols) < ncols - 1 && w > widths[c % (size_t)ncols])
            widths[c % (size_t)ncols] = w;   /* the last column is never padded */
        total += len + 3;
    }
    for (i = 0; i < ncols - 1; i++) {
        most = widths[i] + 2 > most ? widths[i] + 2 : most;
        total += (widths[i] + 2) * (size_t)nrows;
    }
    if (total > TABLE_CHUNK + 4096)
        total = TABLE_CHUNK + 4096;             /* written out as it fills */
    if (!(spaces = malloc(most + 1)) || tide_buf_grow(&out, total) < 0) {
        free(spaces);
        free(sizes);
        return TIDE_EXIT_FAILURE;
    }
    memset(spaces, ' ', most);
    for (r = 0, c = 0; r < nrows && rc == 0; r++) {
        for (i = 0; i < ncols && rc == 0; i++, c++) {
            rc = tide_buf_add(&out, cells[c], sizes[2 * c + 1]);
            if (rc == 0 && i < ncols - 1 && (w = sizes[2 * c]) < widths[i] + 2)
                rc = tide_buf_add(&out, spaces, widths[i] + 2 - w);
        }
        if (rc == 0)
            rc = tide_buf_putc(&out, '\n');
        if (rc == 0 && out.len >= TABLE_CHUNK) {
            fwrite(out.data, 1, out.len, stdout);
            tide_buf_reset(&out);
        }
    }
    if (rc == 0 && out.len)
        fwrite(out.data, 1, out.len, stdout);
    tide_buf_free(&out);
    free(spaces);
    free(sizes);
    return rc < 0 ? TIDE_EXIT_FAILURE : cli_flushed();
}

void cli_print_finding(FILE *out, const tide_lint_finding *f)
{
    static const char *const severities[] = { "info", "warning", "error" };
    fprintf(out, "%s:%d: %s %s %s\n  fix: %s\n", f->migration, f->statement,
            severities[f->severity], f->rule, f->message, f->fix);
}

/* The findings of a report. Beyond CLI_LINT_FEW findings of one rule in one
 * migration, the first is printed whole and the rest as one line with their
 * count and statements; verbose prints every one. */
enum { CLI_LINT_FEW = 3, CLI_LINT_RULES = 64, CLI_LINT_LISTED = 10 };

static int rule_slot(const char **rules, int *n, const char *rule)
{
    int i;
    for (i = 0; i < *n; i++)
        if (!strcmp(rules[i], rule))
            return i;
    if (*n == CLI_LINT_RULES)
        return -1;                           /* more rules than that: printed whole */
    rules[*n] = rule;
    return (*n)++;
}

static void print_rest(FILE *out, const tide_lint_report *r, int first, int end, int total)
{
    int i, listed = 0;
    fprintf(out, "%s: %s: %d more like it, at statements", r->items[first].migration, r->items[first].rule,
            total - 1);
    for (i = first + 1; i < end && listed < CLI_LINT_LISTED; i++)
        if (!strcmp(r->items[i].rule, r->items[first].rule))
            fprintf(out, "%s %d", listed++ ? "," : "", r->items[i].statement);
    fprintf(out, "%s (-v prints each)\n", total - 1 > listed ? ", ..." : "");
}

void cli_print_findings(FILE *out, const tide_lint_report *r, int verbose)
{
    const char *rules[CLI_LINT_RULES];
    int total[CLI_LINT_RULES], seen[CLI_LINT_RULES];
    int begin = 0, end, i;
    while (begin < r->n) {                   /* one migration's findings at a time */
        int nrules = 0;
        memset(total, 0, sizeof total);
        memset(seen, 0, sizeof seen);
        for (end = begin; end < r->n && !strcmp(r->items[end].migration, r->items[begin].migration); end++) {
            int k = rule_slot(rules, &nrules, r->items[end].rule);
            if (k >= 0)
                total[k]++;
        }
        for (i = begin; i < end; i++) {
            int k = rule_slot(rules, &nrules, r->items[i].rule);
            if (k < 0 || verbose || total[k] <= CLI_LINT_FEW) {
                cli_print_finding(out, &r->items[i]);
            } else if (seen[k]++ == 0) {
                cli_print_finding(out, &r->items[i]);
                print_rest(out, r, i, end, total[k]);
            }
        }
        begin = end;
    }
}
