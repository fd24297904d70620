/* introspect_pg.c — how long PostgreSQL introspection takes, and how much
 * memory, on 1,000 and 5,000 tables of 20 columns, each with a primary key,
 * an index and a foreign key, in a fresh database it creates and drops.
 *   introspect_pg [URL]     (default: TIDE_TEST_PG_URL; a role that may
 *                            create databases)
 * Each size is measured in a child process, so that its peak RSS is its own.
 * In the same run, the whole commands on the same database, best of RUNS:
 * `pg_dump --schema-only` (from PATH) and, when TIDE_BIN names tide's
 * binary, `tide schema:inspect`, and the ratio of the two.
 * Aim: 5,000 tables in under 2 s; schema:inspect at most half pg_dump's time. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/driver.h"
#include "model/model.h"
#include "postgres/pg_internal.h"

enum { RUNS = 3, BATCH = 250 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int die(const char *what, const tide_err *err)
{
    fprintf(stderr, "introspect_pg: %s: %s\n", what, err->msg);
    exit(1);
}

/* url with its database replaced by db (malloc'd). */
static char *url_for(const char *url, const char *db)
{
    const char *scheme = strstr(url, "://"), *path, *rest;
    size_t n;
    char *out;
    path = scheme ? strchr(scheme + 3, '/') : NULL;
    if (!path)
        path = url + strlen(url);
    rest = path + strcspn(path, "?");
    n = (size_t)(path - url) + strlen(db) + strlen(rest) + 2;
    if (!(out = malloc(n)))
        exit(1);
    snprintf(out, n, "%.*s/%s%s", (int)(path - url), url, db, rest);
    return out;
}

/* Tables t<from> .. t<to - 1>, built by the server in batches (one DO block
 * per batch keeps the locks of a transaction within the lock table). */
static void make_tables(tide_conn *conn, int from, int to)
{
    char sql[2048];
    tide_err err;
    int lo;
    for (lo = from; lo < to; lo += BATCH) {
        snprintf(sql, sizeof sql,
            "DO $$ BEGIN FOR i IN %d..%d LOOP EXECUTE format("
            "'CREATE TABLE t%%s (id serial PRIMARY KEY, parent_id integer REFERENCES t%%s (id) "
            "ON DELETE CASCADE, name varchar(100) NOT NULL, note text DEFAULT ''none'', "
            "qty integer NOT NULL DEFAULT 0, price numeric(10,2), active boolean NOT NULL DEFAULT true, "
            "created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamp, data jsonb, "
            "uid uuid, code char(3), ratio double precision, big bigint DEFAULT -1, "
            "tags text[], day date, status varchar(20) DEFAULT ''new'', score real, "
            "flags smallint, extra text);"
            "CREATE INDEX t%%s_name_idx ON t%%s (name, created_at DESC);"
            "COMMENT ON TABLE t%%s IS ''table %%s''', "
            "i, greatest(i - 1, 0), i, i, i, i); END LOOP; END $$",
            lo, (lo + BATCH < to ? lo + BATCH : to) - 1);
        tide_err_clear(&err);
        if (tide_conn_script(conn, sql, &err) < 0)
            die("creating tables", &err);
    }
}

/* In a child: introspect RUNS times, print the figures. */
static void measure(const char *url, int ntables)
{
    tide_conn *conn = NULL;
    tide_err err;
    double best = 1e9, worst = 0, finish_s = 0;
    struct rusage ru;
    int run, queries = 0;
    tide_err_clear(&err);
    if (tide_conn_open(&conn, url, &err) < 0)
        die("connecting", &err);
    for (run = 0; run < RUNS; run++) {
        tide_introspect_opts opts = { NULL, 0, NULL, 0, 0 };
        tide_schema *s = tide_schema_new();
        double t0 = now_s(), t1, t2;
        if (!s || tide_conn__driver(conn)->introspect(tide_conn__dconn(conn), &opts, s, &err) < 0)
            die("introspecting", &err);
        t1 = now_s();
        if (tide_schema_finish(s, &err) < 0)
            die("finishing", &err);
        t2 = now_s();
        queries = pg_introspect__queries();
        if (s->ntables != ntables) {
            fprintf(stderr, "introspect_pg: read %d tables, want %d\n", s->ntables, ntables);
            exit(1);
        }
        best = t1 - t0 < best ? t1 - t0 : best;
        worst = t1 - t0 > worst ? t1 - t0 : worst;
        finish_s = t2 - t1;
        tide_schema_free(s);
    }
    tide_conn_close(conn);
    getrusage(RUSAGE_SELF, &ru);
    printf("%5d tables x 20 columns: introspect %.3f s (best of %d; worst %.3f s), "
           "finish %.3f s, %d queries, peak RSS %.1f MB\n", ntables, best, RUNS, worst,
           finish_s, queries, (double)ru.ru_maxrss / 1024.0);
    fflush(stdout);
}

/* The best wall time of RUNS runs of a shell command (its output thrown
 * away); -1 when it fails. */
static double best_of(const char *cmd)
{
    double best = -1;
    int run;
    for (run = 0; run < RUNS; run++) {
        double t0 = now_s(), t;
        if (system(cmd) != 0)
            return -1;
        t = now_s() - t0;
        best = best < 0 || t < best ? t : best;
    }
    return best;
}

/* pg_dump --schema-only and tide schema:inspect of the same database. */
static void commands(const char *url, int ntables)
{
    const char *tide = getenv("TIDE_BIN");
    char cmd[1024];
    double dump, inspect = -1;
    snprintf(cmd, sizeof cmd, "pg_dump --schema-only '%s' > /dev/null", url);
    dump = best_of(cmd);
    if (tide && *tide) {
        snprintf(cmd, sizeof cmd, "'%s' --url '%s' schema:inspect > /dev/null", tide, url);
        inspect = best_of(cmd);
    }
    if (dump < 0) {
        printf("%5d tables: pg_dump --schema-only failed (is it on PATH?)\n", ntables);
    } else if (inspect < 0) {
        printf("%5d tables: pg_dump --schema-only %.3f s (set TIDE_BIN for tide schema:inspect beside it)\n",
               ntables, dump);
    } else {
        printf("%5d tables: tide schema:inspect %.3f s, pg_dump --schema-only %.3f s (best of %d): %.2fx\n",
               ntables, inspect, dump, RUNS, inspect / dump);
    }
    fflush(stdout);
}

static int measure_in_child(const char *url, int ntables)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        measure(url, ntables);
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &status, 0) < 0)
        return 1;
    return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

int main(int argc, char **argv)
{
    static const int sizes[] = { 1000, 5000 };
    const char *base = argc > 1 ? argv[1] : getenv("TIDE_TEST_PG_URL");
    tide_conn *admin = NULL;
    tide_err err;
    char db[64], sql[160], *url;
    int i, made = 0, failed = 0;
    double t0;
    if (!base || !*base) {
        fprintf(stderr, "usage: introspect_pg URL (or set TIDE_TEST_PG_URL)\n");
        return 2;
    }
    tide_err_clear(&err);
    if (tide_conn_open(&admin, base, &err) < 0)
        die("connecting", &err);
    snprintf(db, sizeof db, "tide_bench_introspect_%ld", (long)getpid());
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
    if (tide_conn_script(admin, sql, &err) < 0)
        die("creating the database", &err);
    url = url_for(base, db);
    for (i = 0; i < 2 && !failed; i++) {
        tide_conn *conn = NULL;
        if (tide_conn_open(&conn, url, &err) < 0)
            die("connecting", &err);
        t0 = now_s();
        make_tables(conn, made, sizes[i]);
        tide_conn_script(conn, "ANALYZE", &err);
        tide_conn_close(conn);
        fprintf(stderr, "(made %d tables in %.1f s)\n", sizes[i] - made, now_s() - t0);
        made = sizes[i];
        failed = measure_in_child(url, sizes[i]);
        if (!failed)
            commands(url, sizes[i]);
    }
    snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", db);
    if (tide_conn_script(admin, sql, &err) < 0)
        fprintf(stderr, "introspect_pg: dropping %s: %s\n", db, err.msg);
    tide_conn_close(admin);
    free(url);
    return failed;
}
