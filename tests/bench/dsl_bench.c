/* dsl_bench — how long the schema DSL takes from files to a finished model.
 * Writes schema folders of N tables x C columns (default 10,000 x 20), each
 * table with an index and a foreign key, laid out as 100 files of N/100
 * tables and as N files of one table; loads each in a child process (so
 * that peak RSS is the load's own) and prints wall time and peak RSS, and
 * the split between running the files and tide_schema_finish.
 *   usage: bench_dsl [tables [columns]] */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lua.h>

#include "lua/model_lua.h"
#include "lua/runtime.h"
#include "api/module.h"

static const char *const types[] = {
    ":varchar(100)", ":text() :nullable()", ":numeric(12, 2) :default(0)",
    ":timestamptz() :default \"now()\"", ":boolean() :default(false)", ":bigint()",
    ":jsonb() :nullable()", ":uuid()", ":date() :nullable()", ":smallint() :default(1)",
    ":enum(\"bench_state\", { \"new\", \"open\", \"closed\" })", ":double()",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One table: id, parent_id (the foreign key to the previous table), then
 * columns - 2 more, an index on two of them. */
static void write_table(FILE *fp, int i, int columns)
{
    int c;
    fprintf(fp, "  t.table \"t%05d\" {\n", i);
    fprintf(fp, "    t.col \"id\" :serial() :primary(),\n");
    fprintf(fp, "    t.col \"parent_id\" :integer() :nullable() :references(\"t%05d\", \"id\", "
                "{ onDelete = \"cascade\" }),\n", i > 0 ? i - 1 : 0);
    for (c = 2; c < columns; c++)
        fprintf(fp, "    t.col \"c%02d\" %s,\n", c, types[c % (sizeof types / sizeof types[0])]);
    fprintf(fp, "    t.index { \"c02\", \"c03 desc\", where = \"c05 > 0\" },\n  },\n");
}

/* dir with ntables tables in files of per_file tables each. */
static int write_folder(const char *dir, int ntables, int columns, int per_file)
{
    int i;
    FILE *fp = NULL;
    char path[700];
    if (mkdir(dir, 0755) < 0)
        return -1;
    for (i = 0; i < ntables; i++) {
        if (i % per_file == 0) {
            if (fp && (fputs("}\n", fp) < 0 || fclose(fp) != 0))
                return -1;
            snprintf(path, sizeof path, "%s/f%05d.lua", dir, i / per_file);
            if (!(fp = fopen(path, "w")))
                return -1;
            fputs("local t = require \"tide.schema\"\nreturn {\n", fp);
        }
        write_table(fp, i, columns);
    }
    return fp && (fputs("}\n", fp) < 0 || fclose(fp) != 0) ? -1 : 0;
}

/* The child: loads dir and prints the times; exit status 0 on success. */
static int load(const char *dir)
{
    lua_State *L = tide_runtime_new();
    char *dirs[1] = { (char *)dir };
    tide_schema *s = NULL;
    tide_err err;
    double t0;
    int rc;
    if (!L)
        return 1;
    t0 = now_ms();
    rc = tide_schema_load_dirs(&s, L, dirs, 1, &err);
    if (rc < 0) {
        fprintf(stderr, "bench_dsl: %s\n", err.msg);
        lua_close(L);
        return 1;
    }
    printf("  load_dirs (run files + convert + finish): %8.1f ms, %d tables\n", now_ms() - t0, s->ntables);
    tide_schema_free(s);
    lua_close(L);
    return 0;
}

/* Runs each file and converts it, then finishes: the two halves timed. */
static int split(const char *dir, int nfiles)
{
    lua_State *L = tide_runtime_new();
    tide_schema *s = tide_schema_new();
    tide_err err;
    double t0, t1;
    int i, rc = 0;
    char path[700];
    if (!L || !s)
        return 1;
    t0 = now_ms();
    for (i = 0; rc == 0 && i < nfiles; i++) {
        snprintf(path, sizeof path, "%s/f%05d.lua", dir, i);
        if ((rc = tide_runtime_loadfile(L, path, path, &err)) == 0 &&
            (rc = tide_runtime_pcall(L, 0, 1, &err)) == 0) {
            rc = tide_model_from_lua(s, L, -1, path, &err);
            lua_pop(L, 1);
        }
    }
    t1 = now_ms();
    if (rc == 0)
        rc = tide_schema_finish(s, &err);
    if (rc == 0)
        printf("  split: run files + convert %8.1f ms, finish %8.1f ms\n", t1 - t0, now_ms() - t1);
    else
        fprintf(stderr, "bench_dsl: %s\n", err.msg);
    tide_schema_free(s);
    lua_close(L);
    return rc < 0;
}

/* Runs fn in a child; prints its peak RSS. */
static int in_child(int (*fn)(const char *), const char *dir)
{
    struct rusage ru;
    int status;
    pid_t pid;
    fflush(stdout);
    if ((pid = fork()) < 0)
        return -1;
    if (pid == 0) {
        int code = fn(dir);
        fflush(stdout);
        _exit(code);
    }
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        return -1;
    printf("  peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
    return 0;
}

static int split_files;

static int split_child(const char *dir)
{
    return split(dir, split_files);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

int main(int argc, char **argv)
{
    int ntables = argc > 1 ? atoi(argv[1]) : 10000, columns = argc > 2 ? atoi(argv[2]) : 20;
    int layouts[2], i, rc = 0;
    char root[] = "/tmp/tide-bench-dsl-XXXXXX", dir[600];
    if (ntables < 100 || columns < 6 || !mkdtemp(root)) {
        fprintf(stderr, "usage: bench_dsl [tables >= 100 [columns >= 6]]\n");
        return 2;
    }
    layouts[0] = ntables / 100;
    layouts[1] = 1;
    for (i = 0; rc == 0 && i < 2; i++) {
        int per_file = layouts[i], nfiles = (ntables + per_file - 1) / per_file;
        snprintf(dir, sizeof dir, "%s/schema%d", root, i);
        if (write_folder(dir, ntables, columns, per_file) < 0) {
            perror("bench_dsl: writing the schema folder");
            rc = 1;
            break;
        }
        printf("%d tables x %d columns (+1 index, 1 foreign key each) in %d files of %d:\n",
               ntables, columns, nfiles, per_file);
        split_files = nfiles;
        if (in_child(load, dir) < 0 || in_child(split_child, dir) < 0)
            rc = 1;
    }
    nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return rc;
}
