/* introspect_sqlite.c — how long SQLite introspection takes, and how much
 * memory, on large schemas: N tables of 20 columns, each with an index, a
 * foreign key, a unique constraint, a check and an enum column.
 *   introspect_sqlite [N ...]          (default: 1000 5000)
 * Each size is built, then read in a fresh child process, so the peak RSS
 * printed is that of one introspection (connection and SQLite's page cache
 * included) and nothing else. Links against libtide. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1          /* wait4, mkdtemp under -std=c11 */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/driver.h"
#include "model/model.h"
#include "sqlite/sqlite_internal.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int append_table(tide_buf *sql, int i)
{
    static const char *const types[] = { "text", "integer", "varchar(255)", "numeric(10,2)",
                                         "timestamptz", "boolean", "bigint", "jsonb" };
    static const char *const defaults[] = { " default 'x'", "", " default 0", "",
                                            " default CURRENT_TIMESTAMP", " default false", "", "" };
    int c, rc = tide_buf_printf(sql,
        "create table \"t%d\" (\"id\" integer not null constraint \"t%d_pkey\" primary key "
        "autoincrement, \"parent_id\" integer, \"status\" user_status text not null default 'active'",
        i, i);
    for (c = 3; rc == 0 && c < 20; c++)
        rc = tide_buf_printf(sql, ", \"c%d\" %s%s%s", c, types[c % 8], c % 3 ? " not null" : "",
                             c % 3 ? defaults[c % 8] : "");
    if (rc == 0)
        rc = tide_buf_printf(sql,
            ", constraint \"t%d_parent_fkey\" foreign key (\"parent_id\") references \"t%d\" (\"id\") "
            "on delete cascade deferrable initially deferred"
            ", constraint \"t%d_c3_key\" unique (\"c3\")"
            ", constraint \"t%d_c4_positive\" check (\"c4\" > 0 and (\"c4\" < 1000000))"
            ", constraint \"t%d_status_enum\" check (\"status\" in ('active', 'banned')));\n"
            "create index \"t%d_c5_idx\" on \"t%d\" (\"c5\" desc, \"id\");\n",
            i, i > 0 ? i - 1 : 0, i, i, i, i, i);
    return rc;
}

static int build(const char *url, int ntables)
{
    tide_conn *conn = NULL;
    tide_buf sql = TIDE_BUF_INIT;
    tide_err err;
    int i, rc;
    tide_err_clear(&err);
    if ((rc = tide_conn_open(&conn, url, &err)) < 0)
        goto done;
    rc = tide_buf_puts(&sql, "begin;\n");
    for (i = 0; rc == 0 && i < ntables; i++)
        rc = append_table(&sql, i);
    if (rc == 0)
        rc = tide_buf_puts(&sql, "commit;\n");
    if (rc == 0)
        rc = tide_conn_script(conn, sql.data, &err);
done:
    if (rc < 0)
        fprintf(stderr, "build: %s\n", err.msg[0] ? err.msg : "out of memory");
    tide_buf_free(&sql);
    tide_conn_close(conn);
    return rc;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* In the child: connect, introspect, finish; prints the figures. */
static int measure(const char *url, int ntables)
{
    tide_conn *conn = NULL;
    tide_schema *s = NULL;
    tide_introspect_opts opts = { NULL, 0, NULL, 0, 0 };
    tide_err err;
    double t0, t1, t2;
    long rss0;
    int rc, q0;
    tide_err_clear(&err);
    if ((rc = tide_conn_open(&conn, url, &err)) < 0 || !(s = tide_schema_new()))
        goto done;
    rss0 = peak_rss_kb();
    q0 = sqlite_introspect__queries();
    t0 = now_s();
    rc = tide_conn__driver(conn)->introspect(tide_conn__dconn(conn), &opts, s, &err);
    t1 = now_s();
    if (rc == 0)
        rc = tide_schema_finish(s, &err);
    t2 = now_s();
    if (rc == 0 && s->ntables != ntables)
        rc = tide_err_set(&err, TIDE_ERROR, "read %d tables, expected %d", s->ntables, ntables);
    if (rc == 0)
        printf("%6d tables x 20 columns: introspect %7.1f ms, finish %6.1f ms, %d queries, "
               "peak RSS %6.1f MB (%.1f MB after connecting)\n", ntables, (t1 - t0) * 1e3,
               (t2 - t1) * 1e3, sqlite_introspect__queries() - q0, peak_rss_kb() / 1024.0,
               rss0 / 1024.0);
done:
    if (rc < 0)
        fprintf(stderr, "introspect: %s\n", err.msg);
    tide_schema_free(s);
    tide_conn_close(conn);
    return rc < 0;
}

static int run_size(const char *dir, int ntables)
{
    char path[4096], url[4200];
    pid_t pid;
    int status;
    snprintf(path, sizeof path, "%s/bench-%d.db", dir, ntables);
    snprintf(url, sizeof url, "sqlite:%s", path);
    if (build(url, ntables) < 0)
        return 1;
    fflush(stdout);
    if ((pid = fork()) == 0)
        _exit(measure(url, ntables) || fflush(stdout) != 0);   /* _exit skips stdio */
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return 1;
    unlink(path);
    return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/tide-bench-introspect-XXXXXX";
    static const int defaults[] = { 1000, 5000 };
    int i, failed = 0, n = argc > 1 ? argc - 1 : 2;
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    for (i = 0; i < n && !failed; i++)
        failed = run_size(dir, argc > 1 ? atoi(argv[i + 1]) : defaults[i]);
    rmdir(dir);
    return failed;
}
